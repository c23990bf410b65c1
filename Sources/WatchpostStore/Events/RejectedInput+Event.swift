import Foundation
import WatchpostCore

extension RejectedInput {
    /// A decoded event refused at `stage`: its place, its message key and signing key id as
    /// received, its ids, and its value as received (the canonical envelope from `EventEncoder`
    /// when that is empty).
    public init(
        _ inbound: InboundEvent,
        stage: StoredRejection.Stage,
        reason: String,
        problems: [StoredProblem]
    ) {
        self.init(
            topic: inbound.topic,
            partition: inbound.partition,
            offset: inbound.offset,
            key: inbound.key,
            raw: inbound.raw.isEmpty ? EventEncoder().encode(inbound.event) : inbound.raw,
            reason: reason,
            problems: problems,
            stage: stage,
            eventID: inbound.event.eventID,
            incidentID: inbound.event.incidentID,
            keyID: inbound.keyID
        )
    }

    /// An event whose `event_id` was already taken by another body (stage `conflict`), stored or
    /// earlier in the batch at `storedAt` (`topic[partition]@offset`); the first one is kept.
    public static func conflict(_ inbound: InboundEvent, storedAt: String) -> RejectedInput {
        let reason =
            "event_id \(inbound.event.eventID.canonicalString) was already used by another event (\(storedAt)) "
            + "with a different body; the first one is kept"
        return RejectedInput(
            inbound,
            stage: .conflict,
            reason: reason,
            problems: [StoredProblem(path: "event_id", code: "conflicting_reuse", reason: reason)]
        )
    }

    /// An event the router rejected (stage `routing`), with the router's note as its reason and
    /// its one problem.
    public static func routing(_ inbound: InboundEvent, note: RoutingNote) -> RejectedInput {
        RejectedInput(
            inbound,
            stage: .routing,
            reason: note.description,
            problems: [StoredProblem(path: "", code: note.code.rawValue, reason: note.message)]
        )
    }
}
