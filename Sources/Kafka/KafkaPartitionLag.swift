/// Watermarks and progress of one assigned partition, for metrics.
public struct KafkaPartitionLag: Sendable, Hashable {
    /// The partition.
    public var topicPartition: KafkaTopicPartition
    /// The oldest offset still in the log (low watermark).
    public var lowWatermark: Int64
    /// The offset the next produced message will get (high watermark).
    public var highWatermark: Int64
    /// The next offset this consumer will hand out, when known: a consumer that has handed out
    /// nothing from the partition since it was assigned has none.
    public var position: Int64?
    /// The group's committed offset (the next offset to read), when known: the last one this
    /// consumer committed, or, when it has committed none and has no position, the one the
    /// group's coordinator holds.
    public var committed: Int64?

    /// Creates a lag record.
    public init(
        topicPartition: KafkaTopicPartition,
        lowWatermark: Int64,
        highWatermark: Int64,
        position: Int64?,
        committed: Int64?
    ) {
        self.topicPartition = topicPartition
        self.lowWatermark = lowWatermark
        self.highWatermark = highWatermark
        self.position = position
        self.committed = committed
    }

    /// Messages in the log not yet handed out: from the position (or, before the first message
    /// is handed out, the committed offset) to the high watermark, counting only what the log
    /// still holds. `nil` when neither offset is known and the log is not empty: the consumer
    /// does not know yet where it will start, and the whole log would overstate it.
    public var lag: Int64? {
        guard let next = position ?? committed else {
            return highWatermark <= lowWatermark ? 0 : nil
        }
        return max(0, highWatermark - max(next, lowWatermark))
    }
}
