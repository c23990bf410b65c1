/// Settings of a ``KafkaConsumer``. Offsets are never committed automatically
/// (`enable.auto.commit=false`, `enable.auto.offset.store=false`): the caller commits after its
/// own work is durable.
public struct KafkaConsumerConfiguration: Sendable {
    /// Brokers and security.
    public var connection: KafkaConnectionConfiguration
    /// The consumer group (`group.id`). Required.
    public var groupID: String
    /// Topics to subscribe to. Required.
    public var topics: [String]
    /// Most messages in one batch. Default: 500 messages.
    public var maxBatchSize: Int = 500
    /// Longest time a batch keeps filling, after its first message arrived, while more messages
    /// are queued. A batch never waits for messages that are not there: it is handed out as soon
    /// as a poll finds nothing more queued, so a lone event goes at once and a backlog fills whole
    /// batches. Default: 100 milliseconds.
    public var maxBatchWait: Duration = .milliseconds(100)
    /// Where to start when there is no committed offset or it is gone from the log
    /// (`auto.offset.reset`). Default: ``OffsetReset/earliest``.
    public var autoOffsetReset: OffsetReset = .earliest
    /// A member that sends no heartbeat for this long leaves the group (`session.timeout.ms`).
    /// Default: 45 seconds.
    public var sessionTimeout: Duration = .seconds(45)
    /// Interval of group heartbeats (`heartbeat.interval.ms`). Default: 3 seconds.
    public var heartbeatInterval: Duration = .seconds(3)
    /// Longest time between two requests for a batch before the member is considered stuck
    /// and its partitions are reassigned (`max.poll.interval.ms`). Default: 5 minutes.
    public var maxPollInterval: Duration = .seconds(300)
    /// Any other librdkafka consumer property, applied last. `group.id`,
    /// `enable.auto.commit` and `enable.auto.offset.store` are managed by the consumer and
    /// rejected here. Default: empty.
    public var additionalProperties: [String: String] = [:]

    /// Creates a consumer configuration.
    public init(connection: KafkaConnectionConfiguration, groupID: String, topics: [String]) {
        self.connection = connection
        self.groupID = groupID
        self.topics = topics
    }

    /// Creates a consumer configuration for plaintext bootstrap brokers (`host:port`).
    public init(bootstrapBrokers: [String], groupID: String, topics: [String]) {
        self.init(
            connection: KafkaConnectionConfiguration(bootstrapBrokers: bootstrapBrokers),
            groupID: groupID,
            topics: topics
        )
    }

    /// librdkafka's `auto.offset.reset`.
    public enum OffsetReset: String, Sendable, CaseIterable {
        /// Start at the oldest message still in the log.
        case earliest
        /// Start after the newest message.
        case latest
        /// Do not move; report ``KafkaError/Code/offsetReset`` through the consumer's events.
        case error
    }

    /// Properties the consumer sets itself; refused among additional properties.
    public static let managedProperties = ["group.id", "enable.auto.commit", "enable.auto.offset.store"]

    /// The librdkafka properties, in the order they are applied.
    func properties() throws -> [(String, String)] {
        let managed = Self.managedProperties
        if let key = additionalProperties.keys.first(where: managed.contains) {
            throw KafkaError.configuration(key: key, reason: "managed by KafkaConsumer; remove it")
        }
        guard maxBatchSize > 0 else {
            throw KafkaError.configuration(key: "maxBatchSize", reason: "must be at least 1")
        }
        guard !topics.isEmpty else {
            throw KafkaError.configuration(key: "topics", reason: "name at least one topic")
        }
        let role: [(String, String)] = [
            ("group.id", groupID),
            ("enable.auto.commit", "false"),
            ("enable.auto.offset.store", "false"),
            ("enable.partition.eof", "false"),
            ("auto.offset.reset", autoOffsetReset.rawValue),
            ("session.timeout.ms", String(sessionTimeout.milliseconds)),
            ("heartbeat.interval.ms", String(heartbeatInterval.milliseconds)),
            ("max.poll.interval.ms", String(maxPollInterval.milliseconds)),
        ]
        return try connection.properties(
            role: role + additionalProperties.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
            managed: managed
        )
    }
}
