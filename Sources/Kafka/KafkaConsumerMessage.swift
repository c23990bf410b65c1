/// A message read by a ``KafkaConsumer``.
public struct KafkaConsumerMessage: Sendable, Hashable {
    /// The topic and partition it was read from.
    public var topicPartition: KafkaTopicPartition
    /// Its offset in the partition.
    public var offset: Int64
    /// The key, if it has one.
    public var key: [UInt8]?
    /// The payload (empty for a message without value).
    public var value: [UInt8]
    /// Headers, in order.
    public var headers: [KafkaHeader]
    /// The message timestamp in milliseconds since 1970, when the broker reports one.
    public var timestampMilliseconds: Int64?

    /// Creates a message (the consumer builds these; tests may too).
    public init(
        topicPartition: KafkaTopicPartition,
        offset: Int64,
        key: [UInt8]? = nil,
        value: [UInt8],
        headers: [KafkaHeader] = [],
        timestampMilliseconds: Int64? = nil
    ) {
        self.topicPartition = topicPartition
        self.offset = offset
        self.key = key
        self.value = value
        self.headers = headers
        self.timestampMilliseconds = timestampMilliseconds
    }

    /// The topic name.
    public var topic: String { topicPartition.topic }
    /// The partition number.
    public var partition: Int32 { topicPartition.partition }
}
