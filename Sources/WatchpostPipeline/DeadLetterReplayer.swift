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

    /// Re-publishes up to `limit` rows not yet replayed, oldest first, recording each replay
    /// for `operator` once the broker stored it. Rows purged under the retention policy have no
    /// body left and are passed over. Returns the rows replayed.
    public func replay(limit: Int, by operator: String) async throws -> [StoredRejection] {
        let rows = try await store.rejectedEvents(limit: limit, includePurged: false)
        // One at a time, in id order: inputs of one incident keep their relative order. Each is
        // recorded as soon as it went out, so a failure part-way does not send it twice.
        for row in rows {
            try await replay(row, value: nil, by: `operator`)
        }
        logger.info("replayed rejected events", metadata: ["count": "\(rows.count)", "topic": "\(topic)", "by": "\(`operator`)"])
        return rows
    }

    /// Re-publishes one row, with `value` in place of its stored body when the operator
    /// corrected it, and records the replay for `operator`.
    ///
    /// A corrected body must decode as an event (an unknown unit is left to the worker), so an
    /// operator learns at once that the fix is incomplete; it is keyed by its own incident.
    /// - Throws: ``RejectionPurged`` for a row whose body was purged, when no corrected body is given.
    @discardableResult
    public func replay(_ row: StoredRejection, value: [UInt8]?, by operator: String) async throws -> DeadLetterReplay {
        try Self.checkReplayable(row, value: value)
        var message = message(for: row)
        if let value {
            let event = try Self.correctedEvent(value)
            message.value = value
            message.key = Array(event.incidentID.uuidString.lowercased().utf8)
            if let signed = signedMessage(for: row, value: value, key: message.key) { message = signed }
        }
        let report = try await producer.send(message)
        let replay = DeadLetterReplay(
            rejectionID: row.id,
            by: `operator`,
            at: Date(),
            edited: value != nil,
            topic: report.topic,
            partition: report.partition,
            offset: report.offset
        )
        try await store.record(replay, value: message.value)
        return replay
    }

    /// Refuses a row whose body was purged under the retention policy, unless the operator gives
    /// a corrected body to send instead: an empty message would only come back as a new dead letter.
    /// - Throws: ``RejectionPurged``.
    public static func checkReplayable(_ row: StoredRejection, value: [UInt8]?) throws(RejectionPurged) {
        if let purgedAt = row.purgedAt, value == nil { throw RejectionPurged(id: row.id, purgedAt: purgedAt) }
    }

    /// A corrected body decoded as an event (an unknown unit is left to the worker to judge).
    /// - Throws: ``CorrectedEventInvalid`` naming each field and reason.
    public static func correctedEvent(_ value: [UInt8]) throws(CorrectedEventInvalid) -> Event {
        switch EventDecoder(knownUnit: { _ in true }).decode(value) {
        case .failure(let rejection): throw CorrectedEventInvalid(problems: rejection.problems.map { "\($0)" })
        case .success(let event): return event
        }
    }

    /// The row's message: signed for its source when it had proved it before being refused.
    private func message(for row: StoredRejection) -> KafkaProducerMessage {
        signedMessage(for: row, value: row.raw, key: row.key)
            ?? KafkaProducerMessage(topic: topic, key: row.key, value: row.raw)
    }

    /// `value` signed for its own source, if the row had proved its sender before it was refused.
    private func signedMessage(for row: StoredRejection, value: [UInt8], key: [UInt8]?) -> KafkaProducerMessage? {
        let proved: Set<StoredRejection.Stage> = [.routing, .store, .conflict]
        guard proved.contains(row.stage), let keyring,
            case .success(let event) = EventDecoder(knownUnit: { _ in true }).decode(value)
        else { return nil }
        return .event(topic: topic, key: key, value: value, signer: event.source, keyring: keyring)
    }
}

/// A corrected body given to `watchpost dlq replay --value-file` that is still not a valid event.
public struct CorrectedEventInvalid: Error, CustomStringConvertible {
    /// Each problem, naming the field and the reason.
    public let problems: [String]

    public var description: String {
        "the corrected event is still invalid; nothing was sent:\n" + problems.map { "  \($0)" }.joined(separator: "\n")
    }
}

/// A rejected input whose body was removed under the retention policy, asked to be replayed as stored.
public struct RejectionPurged: Error, CustomStringConvertible {
    /// The `rejected_events` row.
    public let id: Int64
    /// When its body was removed.
    public let purgedAt: Date

    /// What an operator reads: the row, when it was purged, and what can still be done.
    public var description: String {
        "rejected event #\(id) cannot be replayed: its body was removed under the retention policy on "
            + "\(LocalTime.format(purgedAt, locale: .en)) (Asia/Ho_Chi_Minh); nothing was sent. Its stage, reason "
            + "and times are kept (`watchpost dlq show \(id)`); to send the event again, give a corrected body "
            + "with --value-file"
    }
}
