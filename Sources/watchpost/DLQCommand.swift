import ArgumentParser
import Foundation
import Kafka
import Postgres
import WatchpostPipeline
import WatchpostStore

/// `watchpost dlq …`: the rejected inputs recorded in `rejected_events`.
struct DLQCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dlq",
        abstract: "List or replay rejected events.",
        subcommands: [DLQListCommand.self, DLQReplayCommand.self]
    )
}

/// `watchpost dlq list`: the rejected inputs not replayed yet, oldest first.
struct DLQListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List rejected events.")

    @OptionGroup var connection: ConnectionOptions

    @Option(help: "Most rows to list.")
    var limit = 100

    @Flag(help: "Also list rows already replayed.")
    var all = false

    func run() async throws {
        let pool = PostgresPool(
            configuration: try connection.database(),
            maxConnections: 1
        )
        let entries: [StoredRejection]
        do {
            entries = try await DeadLetterStore(pool: pool).rejectedEvents(limit: limit, includeReplayed: all)
            await pool.close()
        } catch {
            await pool.close()
            throw error
        }
        for entry in entries {
            let replayed = entry.replayedAt.map { " replayed \($0)" } ?? ""
            print(
                "#\(entry.id) \(entry.topic)[\(entry.partition)]@\(entry.offset) \(entry.stage.rawValue): \(entry.reason)\(replayed)"
            )
        }
        print("\(entries.count) row(s)")
    }
}

/// `watchpost dlq replay`: re-publishes rejected inputs with their original key and value.
struct DLQReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Re-publish rejected events not yet replayed to watchpost.events and mark them replayed.",
        discussion: """
            An input that is still invalid comes back to the dead-letter topic as a new row. With \
            WATCHPOST_EVENT_KEYS set, inputs refused after they proved their sender (stages routing, \
            store, conflict) are signed again; inputs refused at decode or auth are replayed unsigned.
            """
    )

    @OptionGroup var connection: ConnectionOptions

    @Option(help: "Most rows to replay.")
    var limit = 1000

    @Option(help: "Topic to publish to.")
    var topic = "watchpost.events"

    func run() async throws {
        let logger = CommandLogging.logger("watchpost.dlq", level: nil)
        let keyring = try EventKeys.optional()
        let pool = PostgresPool(
            configuration: try connection.database(),
            maxConnections: 1
        )
        let producer = try KafkaProducer(
            configuration: KafkaProducerConfiguration(
                connection: try connection.kafkaConnection(clientID: "watchpost-dlq", logger: logger)
            ),
            logger: logger
        )
        do {
            let replayer = DeadLetterReplayer(
                store: DeadLetterStore(pool: pool),
                producer: producer,
                topic: topic,
                keyring: keyring,
                logger: logger
            )
            let sent = try await replayer.replay(limit: limit)
            await producer.close()
            await pool.close()
            print("replayed \(sent.count) row(s) to \(topic)")
        } catch {
            await producer.close()
            await pool.close()
            throw error
        }
    }
}
