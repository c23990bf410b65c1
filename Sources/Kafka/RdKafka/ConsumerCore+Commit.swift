import CRdKafka
import Foundation

extension ConsumerCore {
    /// Records processed offsets for a later commit (or the commit before a revocation).
    func mark(_ offsets: [KafkaTopicPartitionOffset]) {
        locked.withLock { $0.state.mark(offsets) }
    }

    /// Marks `offsets`, then commits every marked offset ahead of the committed one for the
    /// partitions this consumer still holds. Returns what was committed.
    func commit(marking offsets: [KafkaTopicPartitionOffset]) async throws -> [KafkaTopicPartitionOffset] {
        try await runBlocking(on: blockingQueue) { [self] in
            try commitLock.withLock { _ in
                locked.withLock { $0.state.mark(offsets) }
                return try commitMarkedHoldingCommitLock(in: nil)
            }
        }
    }

    /// Commits marked offsets synchronously. Call with `commitLock` held, so it cannot race
    /// a revocation. A failed commit withdraws its marks (see ``ConsumerState/withdraw(_:)``).
    func commitMarkedHoldingCommitLock(in scope: Set<KafkaTopicPartition>?) throws -> [KafkaTopicPartitionOffset] {
        let offsets = locked.withLock { $0.state.uncommitted(in: scope) }
        guard !offsets.isEmpty else { return [] }
        let list = RdKafkaTopicPartitionList(offsets)
        var err = rd_kafka_commit(handle.pointer, list.pointer, 0)
        if err == RD_KAFKA_RESP_ERR_NO_ERROR,
            let failed = list.entries.first(where: { $0.error != RD_KAFKA_RESP_ERR_NO_ERROR })
        {
            err = failed.error
        }
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR else {
            locked.withLock { $0.state.withdraw(offsets) }
            throw KafkaError(err, context: "commit \(offsets)")
        }
        locked.withLock { $0.state.didCommit(offsets) }
        return offsets
    }

    /// The partitions the group currently gives this consumer.
    var assignment: Set<KafkaTopicPartition> {
        locked.withLock { $0.state.assignment }
    }

    /// Pauses or resumes fetching from every assigned partition (and future assignments).
    func setPaused(_ paused: Bool) throws {
        let partitions = locked.withLock { locked in
            locked.state.paused = paused
            return locked.state.assignment
        }
        guard !partitions.isEmpty else { return }
        let list = RdKafkaTopicPartitionList(partitions: partitions)
        let err =
            paused
            ? rd_kafka_pause_partitions(handle.pointer, list.pointer)
            : rd_kafka_resume_partitions(handle.pointer, list.pointer)
        if err != RD_KAFKA_RESP_ERR_NO_ERROR {
            throw KafkaError(err, context: paused ? "pause" : "resume")
        }
    }
}

/// A librdkafka log line that reports an automatic offset reset caused by an error, e.g.
/// `topic [3]: offset reset (at offset 1000, broker 1) to offset BEGINNING: fetch failed
/// due to requested offset not available on the broker: Broker: Offset out of range`.
/// librdkafka logs these (at warning level) but raises no event for them.
struct OffsetResetLogLine {
    var partition: KafkaTopicPartition?

    init?(level: Int32, facility: String, text: String) {
        guard level <= 4, facility == "OFFSET", text.contains("offset reset") else { return nil }
        partition = Self.partition(in: text)
    }

    /// Reads `topic [N]` before `: offset reset`, skipping a `[thrd:…]: ` prefix.
    private static func partition(in text: String) -> KafkaTopicPartition? {
        guard let marker = text.range(of: "]: offset reset") else { return nil }
        let head = text[..<marker.lowerBound]
        guard let open = head.range(of: " [", options: .backwards),
            let number = Int32(head[open.upperBound...])
        else { return nil }
        var topic = head[..<open.lowerBound]
        if let prefix = topic.range(of: "]: ", options: .backwards) {
            topic = topic[prefix.upperBound...]
        }
        return KafkaTopicPartition(topic: String(topic), partition: number)
    }
}
