import Foundation
import Kafka
import Logging
import WatchpostCore
import WatchpostStore

/// Replays recorded rejected inputs onto the lifecycle topic with their original key and
/// value (e.g. after a directory fix made an unknown unit known). An input that is still
/// invalid simply comes back as a new dead letter and a new row.
///
/// Signatures (D18): an input refused at `routing`, `store` or `conflict` had proved its sender
/// before it was refused, so the replay signs it again for its own source with the operator's
/// keys. Inputs refused at `decode` or `auth` never proved a sender: they are replayed unsigned
/// and an officer's or the system's among them is refused again. Vouching for one of those
/// is a deliberate act: `watchpost publish` it with the keys.
public struct DeadLetterReplayer: Sendable {
    let store: DeadLetterStore
    let producer: KafkaProducer
    let topic: String
    let keyring: EventKeyring?
    let logger: Logger

    /// Creates a replayer that publishes to `topic`, signing with `keyring` where it may.
    public init(store: DeadLetterStore, producer: KafkaProducer, topic: String, keyring: EventKeyring?, logger: Logger) {
        self.store = store
        self.producer = producer
        self.topic = topic
        self.keyring = keyring
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
                _ = try await producer.send(message(for: row))
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

    /// The row's message: signed for its source when it had proved it before being refused.
    private func message(for row: StoredRejection) -> KafkaProducerMessage {
        let proved: Set<StoredRejection.Stage> = [.routing, .store, .conflict]
        guard proved.contains(row.stage), let keyring,
            case .success(let event) = EventDecoder(knownUnit: { _ in true }).decode(row.raw)
        else { return KafkaProducerMessage(topic: topic, key: row.key, value: row.raw) }
        return .event(topic: topic, key: row.key, value: row.raw, signer: event.source, keyring: keyring)
    }
}
