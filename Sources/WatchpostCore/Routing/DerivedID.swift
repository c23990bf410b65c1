import Foundation

/// Deterministic ids for everything Watchpost derives, so a replayed event or a retried
/// transaction produces the same rows, which the store then ignores as duplicates.
public enum DerivedID {
    /// An obligation opened by `event` on `incident`.
    public static func obligation(incident: UUID, event: UUID, kind: ObligationKind, owner: Relation) -> UUID {
        UUID.v5(
            namespace: .watchpost,
            name: "obligation:\(key(incident)):\(key(event)):\(kind.rawValue):\(owner.rawValue)"
        )
    }

    /// An alert caused by `event` (or by nothing, for reminders) to `officer`.
    public static func alert(incident: UUID, cause: String, officer: OfficerID, template: AlertTemplate) -> UUID {
        UUID.v5(namespace: .watchpost, name: "alert:\(key(incident)):\(cause):\(officer):\(template.rawValue)")
    }

    /// The delivery of `alert`.
    public static func delivery(alert: UUID) -> UUID {
        UUID.v5(namespace: .watchpost, name: "delivery:\(key(alert))")
    }

    /// The message that carries a group of held deliveries (D58): the same for the same
    /// deliveries, in any order, so a retried grouped message keeps its idempotency key.
    public static func groupedMessage(deliveries: [UUID]) -> UUID {
        UUID.v5(namespace: .watchpost, name: "grouped:" + deliveries.map(key).sorted().joined(separator: ","))
    }

    /// The `incident.escalated` event the enforcer publishes when `obligation` reaches `level`.
    public static func escalationEvent(obligation: UUID, level: Int) -> UUID {
        UUID.v5(namespace: .watchpost, name: "escalation:\(key(obligation)):\(level)")
    }

    /// The cause of a reminder alert: the obligation and the reminder instant.
    static func reminderCause(obligation: UUID, at date: Date) -> String {
        "reminder:\(key(obligation)):\(Int64(date.timeIntervalSince1970.rounded(.down)))"
    }

    /// The `cadence` report of `authority` for the period starting at `from`.
    public static func reportRun(cadence: ReportCadence, authority: UnitID, from: Date) -> UUID {
        let start = Int64(from.timeIntervalSince1970.rounded())
        return UUID.v5(namespace: .watchpost, name: "report:\(cadence.rawValue):\(authority):\(start)")
    }

    /// The delivery of report `run` to `officer`.
    public static func reportDelivery(run: UUID, officer: OfficerID) -> UUID {
        UUID.v5(namespace: .watchpost, name: "report-delivery:\(key(run)):\(officer)")
    }

    static func key(_ id: UUID) -> String { id.uuidString.lowercased() }
}
