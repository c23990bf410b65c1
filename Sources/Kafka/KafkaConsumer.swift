import Logging

/// A consumer-group member that hands out messages in batches and commits only the offsets
/// the caller says it has processed.
///
/// Typical use: `for try await batch in consumer.batches { process(batch); try await
/// consumer.commit(batch) }`. Rebalances are served while the caller waits for the next batch,
/// so a batch being processed keeps its partitions. On a revocation the consumer first commits
/// what was marked with ``markProcessed(_:)`` but not committed, then drops fetched messages of
/// the revoked partitions that were not handed out. A dedicated thread runs the blocking poll.
///
/// The consumer joins its group as soon as it is created, and partitions assigned to it wait
/// until it asks for batches: start iterating promptly. Releasing the consumer (or calling
/// ``close()``) ends `batches`.
public final class KafkaConsumer: Sendable {
    private let core: ConsumerCore

    /// Creates a consumer, subscribes to the configured topics and starts its poll thread.
    /// - Throws: ``KafkaError`` with code `configuration` naming a rejected key.
    public init(
        configuration: KafkaConsumerConfiguration,
        logger: Logger = Logger(label: "kafka.consumer")
    ) throws {
        core = try ConsumerCore(configuration: configuration, logger: logger)
        core.start()
    }

    deinit {
        core.requestClose()
    }

    /// The batches, as an `AsyncSequence`; iterate from one task at a time.
    public var batches: KafkaConsumerBatches {
        KafkaConsumerBatches(core: core)
    }

    /// Assignments, revocations, offset resets and client errors. Buffers the newest 1024
    /// events if nobody reads them; ends when the consumer is closed.
    public var events: AsyncStream<KafkaConsumerEvent> {
        core.events
    }

    /// The partitions the group currently gives this consumer.
    public var assignment: Set<KafkaTopicPartition> {
        core.assignment
    }

    /// Records that `batch` is processed, without committing yet; a revocation or the next
    /// commit commits it.
    public func markProcessed(_ batch: KafkaConsumerBatch) {
        core.mark(batch.nextOffsets)
    }

    /// Marks `batch` processed and commits every marked offset of the partitions this
    /// consumer still holds.
    ///
    /// - Returns: the offsets committed (next offset to read, per partition). Partitions no
    ///   longer assigned are not committed (their messages go to their new owner) and do not
    ///   appear.
    /// - Throws: ``KafkaError`` (e.g. `rebalance`, retriable). A failed commit withdraws its
    ///   marks: treat the batch as not committed; its messages may be delivered again.
    @discardableResult
    public func commit(_ batch: KafkaConsumerBatch) async throws -> [KafkaTopicPartitionOffset] {
        try await core.commit(marking: batch.nextOffsets)
    }

    /// Commits explicit offsets (next offset to read, per partition), plus anything marked.
    /// Same rules as ``commit(_:)``.
    @discardableResult
    public func commit(offsets: [KafkaTopicPartitionOffset]) async throws -> [KafkaTopicPartitionOffset] {
        try await core.commit(marking: offsets)
    }

    /// Commits everything marked with ``markProcessed(_:)`` and not committed yet.
    @discardableResult
    public func commitMarked() async throws -> [KafkaTopicPartitionOffset] {
        try await core.commit(marking: [])
    }

    /// Stops fetching from the assigned partitions (and partitions assigned later) until
    /// ``resume()``; group membership continues.
    public func pause() throws {
        try core.setPaused(true)
    }

    /// Resumes fetching after ``pause()``.
    public func resume() throws {
        try core.setPaused(false)
    }

    /// Watermarks, position and lag of every assigned partition, queried from the brokers.
    /// A partition this consumer has not read from since it was assigned has no position; its
    /// committed offset then comes from the group's coordinator, and its lag is unknown
    /// (``KafkaPartitionLag/lag`` is `nil`) while the group has committed nothing there.
    public func lag(timeout: Duration = .seconds(5)) async throws -> [KafkaPartitionLag] {
        try await core.lag(timeout: timeout)
    }

    /// Leaves the group cleanly (committing marked offsets first) and stops the poll thread;
    /// `batches` then ends. Safe to call more than once.
    public func close() async {
        core.requestClose()
        await core.finished()
    }
}
