/// Messages handed out together by ``KafkaConsumer/batches``, in partition order (messages
/// of one partition are in offset order; partitions may interleave).
public struct KafkaConsumerBatch: Sendable {
    /// The messages, never empty.
    public var messages: [KafkaConsumerMessage]

    /// Creates a batch.
    public init(messages: [KafkaConsumerMessage]) {
        self.messages = messages
    }

    /// The offsets to commit once this batch is processed: per partition, the highest offset
    /// in the batch + 1 (the next offset to read).
    public var nextOffsets: [KafkaTopicPartitionOffset] {
        var highest: [KafkaTopicPartition: Int64] = [:]
        for message in messages {
            highest[message.topicPartition] = max(highest[message.topicPartition] ?? -1, message.offset)
        }
        return highest.map { KafkaTopicPartitionOffset($0.key, offset: $0.value + 1) }
            .sorted {
                ($0.topicPartition.topic, $0.topicPartition.partition) < (
                    $1.topicPartition.topic, $1.topicPartition.partition
                )
            }
    }
}
