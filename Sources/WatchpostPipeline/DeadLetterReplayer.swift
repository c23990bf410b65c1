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
/// keys, but only while the key it proved it with (`StoredRejection.keyID`) is still held: a
/// row signed with a key revoked since is refused (``ReplaySignerRevoked``), and one that came
/// unsigned goes out unsigned. A corrected body keeps the original's source
/// (``ReplaySourceChanged``). Inputs refused at `decode` or `auth` never proved a sender: they
/// are replayed unsigned and an officer's or the system's among them is refused again. Vouching
/// for one of those is a deliberate act: `watchpost publish` it with the keys.
///
/// Every message it sends carries the row's replay mark (`ReplayMark`), signed with the event
/// where it is signed: a worker routes a copy of a refused event again only under the mark of
/// its latest refusal, so nobody else can replay a refused event, and this replay works once.
public struct DeadLetterReplayer: Sendable {
    let store: DeadLetterStore
    let producer: KafkaProducer
    let topic: String
    let keyring: EventKeyring?
    let logger: Logger

    /// Creates a replayer that publishes to `topic`, signing with `keyring` where it may.
    public init(store: DeadLetterStore, producer: KafkaProducer, topic: String, keyring: EventKeyring?, logger: Logger)
    {
        self.store = store
        self.producer = producer
        self.topic = topic
        self.keyring = keyring
        self.logger = logger
    }

    /// Re-publishes up to `limit` rows not yet replayed, oldest first, recording each replay
    /// for `operator` once the broker stored it. Rows purged under the retention policy have no
    /// body left and are passed over; rows signed with a key revoked since are passed over and
    /// returned in `refused`. Returns the rows replayed and those refused.
    public func replay(limit: Int, by operator: String) async throws -> (
        replayed: [StoredRejection], refused: [ReplaySignerRevoked]
    ) {
        let rows = try await store.rejectedEvents(limit: limit, includePurged: false)
        var replayed: [StoredRejection] = []
        var refused: [ReplaySignerRevoked] = []
        // One at a time, in id order: inputs of one incident keep their relative order. Each is
        // recorded as soon as it went out, so a failure part-way does not send it twice.
        for row in rows {
            do {
                try await replay(row, value: nil, by: `operator`)
                replayed.append(row)
            } catch let revoked as ReplaySignerRevoked {
                logger.warning(
                    "not replayed: signed with a revoked key",
                    metadata: ["row": "\(row.id)", "key_id": "\(revoked.keyID)"]
                )
                refused.append(revoked)
            }
        }
        logger.info(
            "replayed rejected events",
            metadata: [
                "count": "\(replayed.count)", "refused": "\(refused.count)", "topic": "\(topic)", "by": "\(`operator`)",
            ]
        )
        return (replayed, refused)
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
        var message: KafkaProducerMessage
        if let value {
            let event = try Self.correctedEvent(value)
            let key = Array(event.incidentID.uuidString.lowercased().utf8)
            message = try self.message(for: row, corrected: event, value: value, key: key)
        } else {
            message = try self.message(for: row, corrected: nil, value: row.raw, key: row.key)
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

    /// `value` marked as the replay of `row`, and signed for its source (mark included) if the
    /// row had proved its sender with a key still held before it was refused; else unsigned. A
    /// `corrected` event must keep the original's source.
    /// - Throws: ``ReplaySignerRevoked``, ``ReplaySourceChanged``.
    private func message(
        for row: StoredRejection,
        corrected: Event?,
        value: [UInt8],
        key: [UInt8]?
    ) throws -> KafkaProducerMessage {
        guard let signer = try signer(for: row, corrected: corrected), let keyring else {
            let mark = KafkaHeader(key: ReplayMark.header, value: ReplayMark.headerValue(row.id))
            return KafkaProducerMessage(topic: topic, key: key, value: value, headers: [mark])
        }
        return .event(topic: topic, key: key, value: value, signer: signer, replayOf: row.id, keyring: keyring)
    }

    /// Whom a replay of `row` is signed for: its original source, if it proved it with a key
    /// still held before it was refused; nil when it goes out unsigned.
    /// - Throws: ``ReplaySignerRevoked``, ``ReplaySourceChanged``.
    private func signer(for row: StoredRejection, corrected: Event?) throws -> EventSource? {
        let proved: Set<StoredRejection.Stage> = [.routing, .store, .conflict]
        guard proved.contains(row.stage), let keyID = row.keyID, let keyring else { return nil }
        guard keyring.keyIDs.contains(keyID) else { throw ReplaySignerRevoked(id: row.id, keyID: keyID) }
        let decoder = EventDecoder(knownUnit: { _ in true })
        guard case .success(let original) = decoder.decode(row.raw) else {
            // Purged, so its source is unknown: a corrected body goes out unsigned.
            return nil
        }
        if let corrected, corrected.source != original.source {
            throw ReplaySourceChanged(id: row.id, original: original.source, corrected: corrected.source)
        }
        return original.source
    }
}

/// A row that proved its sender with a key the operator's keyring no longer holds: re-signing
/// it with today's key would vouch for a sender only a revoked key spoke for.
public struct ReplaySignerRevoked: Error, CustomStringConvertible {
    /// The `rejected_events` row.
    public let id: Int64
    /// The key it was signed with.
    public let keyID: String

    /// The text for logs and messages.
    public var description: String {
        "rejected event #\(id) was signed with key `\(keyID)`, which WATCHPOST_EVENT_KEYS no longer holds (revoked); "
            + "nothing was sent. If its sender is still to be trusted, have them send it again"
    }
}

/// A corrected body that names another source than the rejected event: the replay would sign
/// for someone who never sent it.
public struct ReplaySourceChanged: Error, CustomStringConvertible {
    /// The `rejected_events` row.
    public let id: Int64
    /// Who sent the rejected event, and whom the correction names.
    public let original: EventSource
    /// A corrected value replaces the stored one.
    public let corrected: EventSource

    /// The text for logs and messages.
    public var description: String {
        "the corrected body of #\(id) names source `\(corrected.kind.rawValue):\(corrected.id)`, but the rejected event "
            + "came from `\(original.kind.rawValue):\(original.id)`; a correction keeps the sender. Nothing was sent"
    }
}

/// A corrected body given to `watchpost dlq replay --value-file` that is still not a valid event.
public struct CorrectedEventInvalid: Error, CustomStringConvertible {
    /// Each problem, naming the field and the reason.
    public let problems: [String]

    /// The text for logs and messages.
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
