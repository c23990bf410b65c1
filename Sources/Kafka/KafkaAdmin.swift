import Dispatch
import Logging

/// Administers a cluster: creates topics, reads metadata.
///
/// Every call runs librdkafka's blocking request on the admin's own queue, never on Swift's
/// cooperative pool.
public final class KafkaAdmin: Sendable {
    private let handle: RdKafkaHandle
    private let blockingQueue = DispatchQueue(label: "kafka.admin.blocking")
    /// librdkafka 2.0.2's mock cluster does not implement CreateTopics: topics of an embedded
    /// broker are created through its control API instead.
    private let embeddedBroker: EmbeddedBroker?

    /// Creates an admin client for a cluster.
    /// - Throws: ``KafkaError`` with code `configuration` naming a rejected key.
    public init(
        connection: KafkaConnectionConfiguration,
        logger: Logger = Logger(label: "kafka.admin")
    ) throws {
        handle = try RdKafkaAdmin.makeHandle(connection: connection, logger: logger)
        embeddedBroker = nil
    }

    /// Creates an admin client for an embedded broker. Metadata is read over the Kafka
    /// protocol as with any cluster; topics are created through the broker's control API,
    /// because librdkafka's mock cluster does not implement the CreateTopics request.
    public init(
        embeddedBroker: EmbeddedBroker,
        logger: Logger = Logger(label: "kafka.admin")
    ) throws {
        handle = try RdKafkaAdmin.makeHandle(
            connection: KafkaConnectionConfiguration(bootstrapBrokers: embeddedBroker.bootstrapBrokerList),
            logger: logger
        )
        self.embeddedBroker = embeddedBroker
    }

    /// Creates a topic and waits until the controller has created it.
    /// - Throws: ``KafkaError`` (`topicAlreadyExists`, `invalidArgument`, `unavailable` ...).
    public func createTopic(
        _ name: String,
        partitions: Int,
        replicationFactor: Int = 1,
        timeout: Duration = .seconds(30)
    ) async throws {
        if let embeddedBroker {
            try embeddedBroker.createTopic(name, partitions: partitions, replicationFactor: replicationFactor)
            return
        }
        let handle = handle
        try await runBlocking(on: blockingQueue) {
            try RdKafkaAdmin.createTopic(
                handle,
                name: name,
                partitions: partitions,
                replicationFactor: replicationFactor,
                timeout: timeout
            )
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
