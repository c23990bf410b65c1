import Dispatch
import Logging

/// Administers a cluster: creates topics, reads metadata.
///
/// Every call runs librdkafka's blocking request on the admin's own queue, never on Swift's
/// cooperative pool.
public final class KafkaAdmin: Sendable {
    private let handle: RdKafkaHandle
    private let blockingQueue = DispatchQueue(label: "kafka.admin.blocking")

    /// Creates an admin client for a cluster.
    /// - Throws: ``KafkaError`` with code `configuration` naming a rejected key.
    public init(
        connection: KafkaConnectionConfiguration,
        logger: Logger = Logger(label: "kafka.admin")
    ) throws {
        handle = try RdKafkaAdmin.makeHandle(connection: connection, logger: logger)
    }

    /// Creates a topic and waits until the controller has created it.
    /// - Throws: ``KafkaError`` (`topicAlreadyExists`, `invalidArgument`, `unavailable` ...).
    public func createTopic(
        _ name: String,
        partitions: Int,
        replicationFactor: Int = 1,
        timeout: Duration = .seconds(30)
    ) async throws {
        let handle = handle
        try await runBlocking(on: blockingQueue) {
            try RdKafkaAdmin.createTopic(
                handle, name: name, partitions: partitions,
                replicationFactor: replicationFactor, timeout: timeout)
        }
    }

    /// Reads the brokers, topics and partitions of the cluster.
    public func metadata(timeout: Duration = .seconds(10)) async throws -> KafkaClusterMetadata {
        let handle = handle
        return try await runBlocking(on: blockingQueue) {
            try RdKafkaAdmin.metadata(handle, timeout: timeout)
        }
    }
}
