import ArgumentParser
import Kafka
import Logging

/// `watchpost topics ensure`: creates Watchpost's topics on a cluster when they are missing.
struct TopicsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "topics",
        abstract: "Create Watchpost's Kafka topics.",
        subcommands: [TopicsEnsureCommand.self]
    )
}

/// Creates the lifecycle and dead-letter topics if missing; never changes an existing one.
struct TopicsEnsureCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ensure",
        abstract: "Create watchpost.events and its dead-letter topic if they are missing.",
        discussion: """
            An existing topic is left as it is. If the lifecycle topic has fewer partitions than \
            --partitions, the command says so and exits 0: raising the count moves incidents to \
            other partitions, so do it only as docs/operations.md (Scaling) describes. Workers \
            beyond the partition count stay idle.
            """
    )

    @OptionGroup var connection: ConnectionOptions

    @Option(help: "Partitions of the lifecycle topic: the most workers that can share the work.")
    var partitions = 12

    @Option(help: "Replicas of each partition. Default: the number of brokers, at most 3.")
    var replicationFactor: Int?

    @Option(help: "The lifecycle topic.")
    var eventsTopic = "watchpost.events"

    @Option(help: "The dead-letter topic.")
    var deadLetterTopic = "watchpost.events.dlq"

    @Option(help: "Partitions of the dead-letter topic.")
    var deadLetterPartitions = 1

    @Option(help: "Seconds to wait for the cluster to answer.")
    var waitSeconds = 60

    func validate() throws {
        guard partitions >= 1, deadLetterPartitions >= 1 else {
            throw ValidationError("partition counts must be at least 1")
        }
        guard replicationFactor.map({ $0 >= 1 }) ?? true else {
            throw ValidationError("--replication-factor must be at least 1")
        }
        guard waitSeconds >= 1 else { throw ValidationError("--wait-seconds must be at least 1") }
    }

    func run() async throws {
        let logger = CommandLogging.logger("watchpost.topics", level: nil)
        let admin = try KafkaAdmin(
            connection: try connection.kafkaConnection(clientID: "watchpost-topics", logger: logger),
            logger: logger
        )
        let metadata = try await admin.metadata(timeout: .seconds(waitSeconds))
        let replicas = replicationFactor ?? min(3, max(1, metadata.brokers.count))
        for (name, wanted) in [(eventsTopic, partitions), (deadLetterTopic, deadLetterPartitions)] {
            if let existing = metadata.topic(named: name), existing.error == nil {
                let note =
                    existing.partitionCount < wanted
                    ? " (fewer than the \(wanted) asked for: left as it is; see docs/operations.md, Scaling)" : ""
                print("\(name): exists with \(existing.partitionCount) partition(s)\(note)")
                continue
            }
            do {
                try await admin.createTopic(
                    name,
                    partitions: wanted,
                    replicationFactor: replicas,
                    timeout: .seconds(waitSeconds)
                )
                print("\(name): created with \(wanted) partition(s), replication factor \(replicas)")
            } catch let error as KafkaError where error.code == .topicAlreadyExists {
                print("\(name): created meanwhile by someone else")
            } catch {
                throw CommandFailure("cannot create the topic \(name): \(error)")
            }
        }
    }
}
