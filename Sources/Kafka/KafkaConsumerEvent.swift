/// Something the caller of a ``KafkaConsumer`` should know besides messages: group
/// membership changes, offset resets (possible data loss), and client errors.
public enum KafkaConsumerEvent: Sendable {
    /// The group gave these partitions to this consumer.
    case assigned([KafkaTopicPartition])
    /// These partitions were taken away; marked offsets were committed first (when the
    /// assignment was not lost) and fetched but undelivered messages were dropped.
    case revoked([KafkaTopicPartition])
    /// The consumer's position was not available on the broker (e.g. the committed offset
    /// fell off the log) and librdkafka moved it per `auto.offset.reset`. Messages between
    /// the old and the new position may never be read: alert an operator.
    /// `partition` is nil when librdkafka did not name it; `detail` is its text.
    case offsetReset(partition: KafkaTopicPartition?, detail: String)
    /// A client error, e.g. all brokers down. Most are transient; librdkafka keeps retrying.
    case error(KafkaError)
}
