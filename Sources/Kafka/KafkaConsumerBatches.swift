/// The batches of a ``KafkaConsumer``: `for try await batch in consumer.batches { … }`.
///
/// Iterate from one task at a time. The sequence ends when the consumer is closed and throws
/// a ``KafkaError`` (`fatal`) if the client failed for good.
public struct KafkaConsumerBatches: AsyncSequence, Sendable {
    /// A batch of messages.
    public typealias Element = KafkaConsumerBatch

    let core: ConsumerCore

    /// Creates an iterator.
    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(core: core)
    }

    /// Asks the consumer's poll thread for one batch at a time.
    public struct AsyncIterator: AsyncIteratorProtocol {
        let core: ConsumerCore

        /// The next batch, or nil once the consumer is closed.
        public mutating func next() async throws -> KafkaConsumerBatch? {
            try await core.nextBatch()
        }
    }
}
