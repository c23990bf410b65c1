import Foundation
import WatchpostCore
import WatchpostStore

/// An obligation as `/v1` shows it: what is owed, on which incident, by when (UTC, Vietnam
/// time, seconds left) and why (reason and legal basis, in both languages).
enum ObligationJSON {
    static func object(_ obligation: Obligation, now: Date) -> [String: Any] {
        var object: [String: Any] = [
            "id": obligation.id.canonicalString,
            "incident_id": obligation.incidentID.canonicalString,
            "kind": obligation.kind.rawValue,
            "owner_relation": obligation.ownerRelation.rawValue,
            "status": obligation.status.rawValue,
            "level": obligation.level,
            "reason_vi": obligation.reason.vi,
            "reason_en": obligation.reason.en,
            "legal_basis": obligation.reason.legalBasis,
        ]
        object["owner_officer_id"] = obligation.ownerOfficerID
        TimeJSON.add("opened_at", obligation.openedAt, to: &object)
        TimeJSON.addWithText("due_at", obligation.dueAt, to: &object)
        TimeJSON.add("closed_at", obligation.closedAt, to: &object)
        if obligation.status == .open, let dueAt = obligation.dueAt {
            let left = Int(dueAt.timeIntervalSince(now).rounded(.down))
            object["seconds_left"] = left
            object["overdue"] = left < 0
        }
        return object
    }

    /// One of the caller's open obligations, with its incident's school and state.
    static func object(_ owed: OwedObligation, now: Date) -> [String: Any] {
        var object = object(owed.obligation, now: now)
        var incident: [String: Any] = [
            "id": owed.obligation.incidentID.canonicalString,
            "unit_id": owed.unitID,
            "status": owed.incidentStatus.rawValue,
            "category": owed.category.rawValue,
            "severity": owed.severity.rawValue,
        ]
        incident["unit_name"] = owed.unitName
        object["incident"] = incident
        return object
    }
}
