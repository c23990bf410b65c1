import Kafka
import Logging

/// Checks the worker's topics before it joins the group, so that a missing or forbidden topic
/// stops it at start-up with a clear message instead of in the middle of a batch: the lifecycle
/// topic must exist; the dead-letter topic is created when missing.
struct TopicCheck {
    let settings: WorkerSettings
    let retrier: OutageRetrier
    let logger: Logger

    /// A topic the worker cannot run without is missing and cannot be created.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    func run() async throws {
        let admin = try KafkaAdmin(connection: settings.connection, logger: logger)
        let metadata = try await retrier.run("reading the cluster's topics") { try await admin.metadata() }
        try verify(settings.eventsTopic, in: metadata, hint: "create it with enough partitions for every worker")
        if metadata.topic(named: settings.deadLetterTopic) == nil {
            let replicas = min(3, max(1, metadata.brokers.count))
            do {
                try await admin.createTopic(
                    settings.deadLetterTopic,
                    partitions: settings.deadLetterPartitions,
                    replicationFactor: replicas
                )
                logger.notice(
                    "created the dead-letter topic",
                    metadata: ["topic": "\(settings.deadLetterTopic)", "replicas": "\(replicas)"]
                )
            } catch let error as KafkaError where error.code == .topicAlreadyExists {
                // Another worker created it meanwhile.
            } catch {
                throw Failure(
                    description: "the dead-letter topic \(settings.deadLetterTopic) does not exist and could not be "
                        + "created (\(error)); create it, or allow this worker to create topics"
                )
            }
        } else {
            try verify(settings.deadLetterTopic, in: metadata, hint: "")
        }
    }

    private func verify(_ name: String, in metadata: KafkaClusterMetadata, hint: String) throws {
        guard let topic = metadata.topic(named: name) else {
            throw Failure(
                description: "the topic \(name) does not exist on \(settings.brokers.joined(separator: ",")); \(hint)"
            )
        }
        if let error = topic.error {
            throw Failure(description: "the topic \(name) cannot be used: \(error)")
        }
    }
}
