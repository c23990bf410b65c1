import Foundation
import Kafka
import Logging
import WatchpostStore

/// Replays recorded rejected inputs onto the lifecycle topic with their original key and
/// value (e.g. after a directory fix made an unknown unit known). An input that is still
/// invalid simply comes back as a new dead letter and a new row.
public struct DeadLetterReplayer: Sendable {
    let store: DeadLetterStore
    let producer: KafkaProducer
    let topic: String
    let logger: Logger

    /// Creates a replayer that publishes to `topic`.
    public init(store: DeadLetterStore, producer: KafkaProducer, topic: String, logger: Logger) {
        self.store = store
        self.producer = producer
        self.topic = topic
        self.logger = logger
    }

    /// Re-publishes up to `limit` rows not yet replayed, oldest first, and marks them replayed
    /// once their delivery reports came back. Returns the rows replayed.
    public func replay(limit: Int) async throws -> [StoredRejection] {
        let rows = try await store.rejectedEvents(limit: limit)
        var sent: [StoredRejection] = []
        // One at a time, in id order: inputs of one incident keep their relative order.
        for row in rows {
            do {
                _ = try await producer.send(KafkaProducerMessage(topic: topic, key: row.key, value: row.raw))
                sent.append(row)
            } catch {
                // Mark what went out, so a retry does not send it twice.
                try await store.markReplayed(sent.map(\.id), now: Date())
                throw error
            }
        }
        try await store.markReplayed(sent.map(\.id), now: Date())
        logger.info("replayed rejected events", metadata: ["count": "\(sent.count)", "topic": "\(topic)"])
        return sent
    }
}
