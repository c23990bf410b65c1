import WatchpostCore

/// What one `EventStore.applyBatch` did, and, summed with `+`, what one consumed batch did: the
/// one summary the worker reads (a batch the database refused is bisected into several
/// transactions).
public struct BatchSummary: Sendable {
    /// Events stored for the first time.
    public var stored = 0
    /// Events already stored and applied or ignored before: nothing was done with them.
    public var duplicates = 0
    /// Events stored before with outcome `rejected` and routed again: a dead-letter replay, e.g.
    /// after the directory was fixed.
    public var rerouted = 0
    /// Copies of events stored before with outcome `rejected` that did not carry the replay mark
    /// of their latest refusal: not routed, nothing changed (`EventLog.Arrival.replayRefused`).
    public var replaysRefused: [RefusedReplay] = []
    /// Routed events that changed an incident.
    public var applied = 0
    /// Routed events that were valid but changed nothing (e.g. a second acknowledgement).
    public var ignored = 0
    /// Routed events the router rejected, as recorded: each has a `rejected_events` row (stage
    /// `routing`, the router's code as its one problem) and a dead letter queued in the outbox.
    public var routingRejected: [RejectedInput] = []
    /// Refused inputs (decode, auth or store stage) recorded now (repeats of an already recorded offset
    /// are not counted).
    public var rejectedStored = 0
    /// The inputs refused before routing that the transaction recorded, by stage (`decode`,
    /// `auth`, `store`), repeats included.
    public var refused: [StoredRejection.Stage: Int] = [:]
    /// Events whose `event_id` was already used with another body, recorded now: each has a
    /// `rejected_events` row (stage `conflict`) and a dead letter; the first event keeps the id.
    public var conflicts = 0
    /// Obligations opened.
    public var obligationsOpened = 0
    /// Alerts written.
    public var alerts = 0
    /// Deliveries written (pending, for the dispatcher).
    public var deliveries = 0

    /// Creates an empty summary.
    public init() {}

    /// Both summaries together: counts added, lists joined.
    public static func + (lhs: BatchSummary, rhs: BatchSummary) -> BatchSummary {
        var sum = lhs
        sum.stored += rhs.stored
        sum.duplicates += rhs.duplicates
        sum.rerouted += rhs.rerouted
        sum.replaysRefused += rhs.replaysRefused
        sum.applied += rhs.applied
        sum.ignored += rhs.ignored
        sum.routingRejected += rhs.routingRejected
        sum.rejectedStored += rhs.rejectedStored
        sum.refused.merge(rhs.refused, uniquingKeysWith: +)
        sum.conflicts += rhs.conflicts
        sum.obligationsOpened += rhs.obligationsOpened
        sum.alerts += rhs.alerts
        sum.deliveries += rhs.deliveries
        return sum
    }
}

/// A copy of a refused event that was not routed again: it lacked the replay mark of the
/// event's latest refusal, the only one `watchpost dlq replay` would send.
public struct RefusedReplay: Sendable {
    /// The copy as received.
    public var event: InboundEvent
    /// The `rejected_events` row a replay would have had to name; nil if the event's refusal
    /// predates those rows.
    public var latestRefusal: Int64?

    init(inbound: InboundEvent, latestRefusal: Int64?) {
        event = inbound
        self.latestRefusal = latestRefusal
    }
}
