/// Watermarks and progress of one assigned partition, for metrics.
public struct KafkaPartitionLag: Sendable, Hashable {
    /// The partition.
    public var topicPartition: KafkaTopicPartition
    /// The oldest offset still in the log (low watermark).
    public var lowWatermark: Int64
    /// The offset the next produced message will get (high watermark).
    public var highWatermark: Int64
    /// The next offset this consumer will hand out, when known.
    public var position: Int64?
    /// The last offset this consumer committed (next offset to read), when known.
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

    /// Messages not yet handed out: high watermark minus position (or minus the committed
    /// offset, or the low watermark, when the position is not known yet).
    public var lag: Int64 {
        max(0, highWatermark - (position ?? committed ?? lowWatermark))
    }
}
