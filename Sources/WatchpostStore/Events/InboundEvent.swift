import Foundation
import WatchpostCore

/// A decoded event as it arrived from Kafka: where it came from and its original bytes.
public struct InboundEvent: Sendable, Hashable {
    /// The decoded event.
    public var event: Event
    /// The topic it was read from.
    public var topic: String
    /// The partition it was read from.
    public var partition: Int32
    /// Its offset in that partition; events are applied in (partition, offset) order.
    public var offset: Int64
    /// The message key as it arrived (the incident id for Watchpost's own producers), kept to
    /// record the event under it if it is refused later.
    public var key: [UInt8]?
    /// The message value as received, stored as the event's payload. When empty (or not storable
    /// as `jsonb`), the canonical envelope from `EventEncoder` is stored instead.
    public var raw: [UInt8]
    /// The id of the key whose valid signature it carried; nil when it came unsigned (a tool's
    /// report). Recorded if the event is refused later, for `dlq replay` (issue 26).
    public var keyID: String?
    /// The `rejected_events` row its replay mark names (`ReplayMark`), checked against its
    /// signature if it had one; nil when it carried none.
    public var replayOf: Int64?

    /// Creates an inbound event.
    public init(
        event: Event,
        topic: String,
        partition: Int32,
        offset: Int64,
        key: [UInt8]? = nil,
        raw: [UInt8],
        keyID: String? = nil,
        replayOf: Int64? = nil
    ) {
        self.event = event
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.key = key
        self.raw = raw
        self.keyID = keyID
        self.replayOf = replayOf
    }
}

/// An input the worker refused, recorded in `rejected_events` with its stage and dead-lettered
/// through the outbox: every refusal, whatever its stage, is this one value, built where it
/// happens. `decode` and `auth` refusals are made by the pipeline before a batch is applied,
/// `store` when the database refused an event for good, `conflict` by `EventStore` when an event
/// id was used before with another body (`conflict(_:storedAt:)`), `routing` when the router
/// rejected an event (`routing(_:note:)`).
public struct RejectedInput: Sendable, Hashable {
    /// The topic it was read from.
    public var topic: String
    /// The partition it was read from.
    public var partition: Int32
    /// Its offset; (topic, partition, offset) is unique, so recording it twice is a no-op.
    public var offset: Int64
    /// The message key as received, if any, whatever the stage: its dead letter, and a replay of
    /// it, carry the same key, so a replay lands on the partition its original did.
    public var key: [UInt8]?
    /// The message value as received.
    public var raw: [UInt8]
    /// One line saying why it was rejected (e.g. `EventRejection.reason`).
    public var reason: String
    /// Every problem found, as stored in `rejected_events.problems`: the decoder's, or one naming
    /// the refusal's code (e.g. `conflicting_reuse`, or the router's such as `unknown_incident`).
    public var problems: [StoredProblem]
    /// Where it was refused: `decode`, `auth`, `store`, `conflict` or `routing`.
    public var stage: StoredRejection.Stage
    /// The event's id, when it decoded (every stage but `decode`).
    public var eventID: UUID?
    /// The incident the event concerns, when it decoded.
    public var incidentID: UUID?
    /// The id of the key its signature names, when it carried one.
    public var keyID: String?

    /// Creates a rejected input.
    public init(
        topic: String,
        partition: Int32,
        offset: Int64,
        key: [UInt8]?,
        raw: [UInt8],
        reason: String,
        problems: [StoredProblem],
        stage: StoredRejection.Stage = .decode,
        eventID: UUID? = nil,
        incidentID: UUID? = nil,
        keyID: String? = nil
    ) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.key = key
        self.raw = raw
        self.reason = reason
        self.problems = problems
        self.stage = stage
        self.eventID = eventID
        self.incidentID = incidentID
        self.keyID = keyID
    }
}
