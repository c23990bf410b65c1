/// A message to send with ``KafkaProducer/send(_:)``.
public struct KafkaProducerMessage: Sendable {
    /// The topic to write to.
    public var topic: String
    /// The key; messages with the same key go to the same partition, in order.
    /// Default: none.
    public var key: [UInt8]?
    /// The payload.
    public var value: [UInt8]
    /// Headers, in order. Default: none.
    public var headers: [KafkaHeader]
    /// An explicit partition. Default: none (the partitioner picks one from the key).
    public var partition: Int32?

    /// Creates a message from bytes.
    public init(
        topic: String,
        key: [UInt8]? = nil,
        value: [UInt8],
        headers: [KafkaHeader] = [],
        partition: Int32? = nil
    ) {
        self.topic = topic
        self.key = key
        self.value = value
        self.headers = headers
        self.partition = partition
    }

    /// Creates a message from UTF-8 text.
    public init(
        topic: String,
        key: String?,
        value: String,
        headers: [KafkaHeader] = [],
        partition: Int32? = nil
    ) {
        self.init(
            topic: topic,
            key: key.map { Array($0.utf8) },
            value: Array(value.utf8),
            headers: headers,
            partition: partition
        )
    }
}

/// A message header: a name and an optional value.
public struct KafkaHeader: Hashable, Sendable {
    /// The header name.
    public var key: String
    /// The header value; `nil` is a header without value.
    public var value: [UInt8]?

    /// Creates a header from bytes.
    public init(key: String, value: [UInt8]?) {
        self.key = key
        self.value = value
    }

    /// Creates a header from UTF-8 text.
    public init(key: String, value: String) {
        self.init(key: key, value: Array(value.utf8))
    }
}

/// Where a sent message was stored.
public struct KafkaDeliveryReport: Hashable, Sendable {
    /// The topic.
    public var topic: String
    /// The partition.
    public var partition: Int32
    /// The message's offset in the partition.
    public var offset: Int64

    /// Creates a report.
    public init(topic: String, partition: Int32, offset: Int64) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
    }
}
