/// What a consumer knows about its partitions and offsets: a plain value whose methods the
/// consumer calls under its lock, so it can be tested without a broker.
struct ConsumerState {
    /// Partitions the group gave this consumer.
    private(set) var assignment: Set<KafkaTopicPartition> = []
    /// Per partition: the next offset to read after what the caller finished processing.
    private(set) var marked: [KafkaTopicPartition: Int64] = [:]
    /// Per partition: the last offset committed by this consumer.
    private(set) var committed: [KafkaTopicPartition: Int64] = [:]
    /// Fetched messages not handed to the caller yet.
    private(set) var pending: [KafkaConsumerMessage] = []
    /// When the first pending message arrived; the batch is due `maxBatchWait` later.
    private(set) var batchStartedAt: ContinuousClock.Instant?
    /// Whether the last poll found nothing more queued: the pending batch is all there is, so
    /// it is handed out without waiting for more.
    private(set) var caughtUp = false
    /// Whether the caller paused consumption (new assignments start paused too).
    var paused = false

    mutating func assign(_ partitions: [KafkaTopicPartition]) {
        assignment.formUnion(partitions)
    }

    /// Forgets revoked partitions: their marks, commits and fetched messages, which now
    /// belong to another consumer and must not be handed out here.
    mutating func revoke(_ partitions: some Sequence<KafkaTopicPartition>) {
        let revoked = Set(partitions)
        assignment.subtract(revoked)
        for partition in revoked {
            marked[partition] = nil
            committed[partition] = nil
        }
        pending.removeAll { revoked.contains($0.topicPartition) }
        if pending.isEmpty { batchStartedAt = nil }
    }

    /// Keeps a fetched message for the next batch; drops it if its partition is not ours.
    @discardableResult
    mutating func accept(_ message: KafkaConsumerMessage, at now: ContinuousClock.Instant) -> Bool {
        guard assignment.contains(message.topicPartition) else { return false }
        pending.append(message)
        caughtUp = false
        if batchStartedAt == nil { batchStartedAt = now }
        return true
    }

    /// Records that a poll returned no message.
    mutating func pollFoundNothing() {
        caughtUp = true
    }

    /// Hands out the pending messages when the batch is full, when nothing more is queued
    /// (a lone event does not wait), or when its wait is over.
    mutating func takeBatch(
        maxSize: Int,
        maxWait: Duration,
        at now: ContinuousClock.Instant
    ) -> KafkaConsumerBatch? {
        guard let started = batchStartedAt, !pending.isEmpty else { return nil }
        guard pending.count >= maxSize || caughtUp || now >= started + maxWait else { return nil }
        let count = min(maxSize, pending.count)
        let batch = KafkaConsumerBatch(messages: Array(pending.prefix(count)))
        pending.removeFirst(count)
        batchStartedAt = pending.isEmpty ? nil : now
        return batch
    }

    /// How long the poll may block: while a batch is pending, not at all (only what is
    /// already queued joins it); otherwise until `idle` passes.
    func pollTimeout(idle: Duration) -> Duration {
        batchStartedAt == nil ? idle : .zero
    }

    /// Records that the caller finished processing up to these next offsets; marks only move
    /// forward, and only for assigned partitions.
    mutating func mark(_ offsets: [KafkaTopicPartitionOffset]) {
        for entry in offsets where assignment.contains(entry.topicPartition) {
            marked[entry.topicPartition] = max(marked[entry.topicPartition] ?? entry.offset, entry.offset)
        }
    }

    /// Marked offsets ahead of the committed ones, for assigned partitions in `scope`
    /// (all assigned partitions when nil).
    func uncommitted(in scope: Set<KafkaTopicPartition>? = nil) -> [KafkaTopicPartitionOffset] {
        marked.compactMap { partition, offset in
            guard assignment.contains(partition), scope?.contains(partition) ?? true,
                offset > committed[partition] ?? Int64.min
            else { return nil }
            return KafkaTopicPartitionOffset(partition, offset: offset)
        }
        .sorted {
            ($0.topicPartition.topic, $0.topicPartition.partition) < (
                $1.topicPartition.topic, $1.topicPartition.partition
            )
        }
    }

    /// Records a successful commit.
    mutating func didCommit(_ offsets: [KafkaTopicPartitionOffset]) {
        for entry in offsets where assignment.contains(entry.topicPartition) {
            committed[entry.topicPartition] = max(committed[entry.topicPartition] ?? entry.offset, entry.offset)
        }
    }

    /// Withdraws the marks of a failed commit, so a later revocation does not commit them
    /// behind the caller's back: the caller was told the commit failed, so the messages
    /// count as not processed and may be delivered again.
    mutating func withdraw(_ offsets: [KafkaTopicPartitionOffset]) {
        for entry in offsets where marked[entry.topicPartition] == entry.offset {
            marked[entry.topicPartition] = committed[entry.topicPartition]
        }
    }
}
