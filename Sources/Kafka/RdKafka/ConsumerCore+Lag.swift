import CRdKafka

extension ConsumerCore {
    /// Queries watermarks of every assigned partition from its leader, with this consumer's
    /// position and the group's committed offset.
    ///
    /// A partition assigned but not read from since has no position. Unless this consumer
    /// committed it, its committed offset is asked of the group's coordinator
    /// (`rd_kafka_committed`): a quiet partition taken over in a rebalance then shows what is
    /// really left to read, not its whole log. When the coordinator does not answer, or the
    /// group has committed nothing there, the offset stays unknown (and so may the lag).
    func lag(timeout: Duration) async throws -> [KafkaPartitionLag] {
        try await runBlocking(on: blockingQueue) { [self] in
            let (partitions, committedHere) = locked.withLock { ($0.state.assignment, $0.state.committed) }
            let list = RdKafkaTopicPartitionList(partitions: partitions)
            _ = rd_kafka_position(handle.pointer, list.pointer)
            let milliseconds = Int32(clamping: timeout.milliseconds)
            let positions = list.entries
            let unread = positions.filter { $0.offset < 0 && committedHere[$0.topicPartition] == nil }
            let committedInGroup = groupCommitted(unread.map(\.topicPartition), milliseconds: milliseconds)
            return try positions.map { entry in
                var low: Int64 = 0
                var high: Int64 = 0
                let err = rd_kafka_query_watermark_offsets(
                    handle.pointer,
                    entry.topicPartition.topic,
                    entry.topicPartition.partition,
                    &low,
                    &high,
                    milliseconds
                )
                if err != RD_KAFKA_RESP_ERR_NO_ERROR {
                    throw KafkaError(err, context: "query watermarks of \(entry.topicPartition)")
                }
                return KafkaPartitionLag(
                    topicPartition: entry.topicPartition,
                    lowWatermark: low,
                    highWatermark: high,
                    position: entry.offset >= 0 ? entry.offset : nil,
                    committed: committedHere[entry.topicPartition] ?? committedInGroup[entry.topicPartition]
                )
            }
            .sorted {
                ($0.topicPartition.topic, $0.topicPartition.partition) < (
                    $1.topicPartition.topic, $1.topicPartition.partition
                )
            }
        }
    }

    /// The offsets the group's coordinator holds as committed for `partitions`; a partition
    /// without one (never committed, or the query failed) is left out. Blocks up to
    /// `milliseconds`: call it on `blockingQueue`.
    private func groupCommitted(
        _ partitions: [KafkaTopicPartition],
        milliseconds: Int32
    ) -> [KafkaTopicPartition: Int64] {
        guard !partitions.isEmpty else { return [:] }
        let list = RdKafkaTopicPartitionList(partitions: partitions)
        let err = rd_kafka_committed(handle.pointer, list.pointer, milliseconds)
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR else {
            logger.debug("\(KafkaError(err, context: "read the group's committed offsets of \(partitions)"))")
            return [:]
        }
        var offsets: [KafkaTopicPartition: Int64] = [:]
        for entry in list.entries where entry.error == RD_KAFKA_RESP_ERR_NO_ERROR && entry.offset >= 0 {
            offsets[entry.topicPartition] = entry.offset
        }
        return offsets
    }
}
