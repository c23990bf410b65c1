import CRdKafka

/// Owns an `rd_kafka_topic_partition_list_t` for the duration of one call.
final class RdKafkaTopicPartitionList {
    let pointer: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>

    /// A list of partitions with offsets (e.g. to commit).
    init(_ offsets: some Collection<KafkaTopicPartitionOffset>) {
        pointer = rd_kafka_topic_partition_list_new(Int32(offsets.count))
        for entry in offsets {
            let element = rd_kafka_topic_partition_list_add(
                pointer,
                entry.topicPartition.topic,
                entry.topicPartition.partition
            )
            element?.pointee.offset = entry.offset
        }
    }

    /// A list of partitions without offsets (e.g. to pause).
    convenience init(partitions: some Collection<KafkaTopicPartition>) {
        self.init(partitions.map { KafkaTopicPartitionOffset($0, offset: RdKafkaOffset.invalid) })
    }

    deinit {
        rd_kafka_topic_partition_list_destroy(pointer)
    }

    /// The entries of this list.
    var entries: [Entry] { Self.entries(of: pointer) }

    /// The entries of a list librdkafka owns.
    static func entries(of list: UnsafePointer<rd_kafka_topic_partition_list_t>) -> [Entry] {
        let count = Int(list.pointee.cnt)
        guard count > 0, let elements = list.pointee.elems else { return [] }
        return (0..<count).map { index in
            let element = elements[index]
            return Entry(
                topicPartition: KafkaTopicPartition(
                    topic: String(cString: element.topic),
                    partition: element.partition
                ),
                offset: element.offset,
                error: element.err
            )
        }
    }

    /// One entry: partition, offset, per-partition error.
    struct Entry {
        var topicPartition: KafkaTopicPartition
        var offset: Int64
        var error: rd_kafka_resp_err_t
    }
}

/// librdkafka's logical offsets (macros Swift does not import).
enum RdKafkaOffset {
    static let invalid: Int64 = -1001
    static let beginning: Int64 = -2
    static let end: Int64 = -1
}
