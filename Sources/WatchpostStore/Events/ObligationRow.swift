import Foundation
import Postgres
import WatchpostCore

/// The `obligations` table's columns and how a row becomes an `Obligation`.
enum ObligationRow {
    /// The selected columns, in the order `decode` reads them; a query that selects more puts
    /// its own after these (`count` of them).
    static let columns = """
        id, incident_id, kind, owner_relation, owner_officer_id, opened_by_event_id, opened_at, due_at,
        reminders_at, reason_vi, reason_en, legal_basis, reason_id, chain, level, status, escalated_at,
        closed_at, closed_by_event_id, met_by, clock, delegated_from, met_on_behalf_of, paused_until,
        pause_reason_vi, pause_reason_en, pause_legal_basis
        """

    /// How many columns `columns` names.
    static let count = 27

    /// Decodes the first 27 columns of `row`, selected as in `columns`.
    static func decode(_ row: PostgresRow) throws -> Obligation {
        let table = "obligations"
        var obligation = Obligation(
            id: try row.decode(UUID.self, at: 0),
            incidentID: try row.decode(UUID.self, at: 1),
            kind: try row.decode(ObligationKind.self, at: 2, in: table),
            ownerRelation: try row.decode(Relation.self, at: 3, in: table),
            ownerOfficerID: try row.decode(String?.self, at: 4),
            openedByEventID: try row.decode(UUID.self, at: 5),
            openedAt: try row.decode(Date.self, at: 6),
            dueAt: try row.decode(Date?.self, at: 7),
            remindersAt: try row.decode([Date].self, at: 8),
            reason: DeadlineReason(
                vi: try row.decode(String.self, at: 9),
                en: try row.decode(String.self, at: 10),
                legalBasis: try row.decode(String.self, at: 11)
            ),
            reasonID: try row.decode(String.self, at: 12),
            chain: try row.decode(String.self, at: 13)
        )
        obligation.level = try row.decode(Int.self, at: 14)
        obligation.status = try row.decode(ObligationStatus.self, at: 15, in: table)
        obligation.escalatedAt = try row.decode(Date?.self, at: 16)
        obligation.closedAt = try row.decode(Date?.self, at: 17)
        obligation.closedByEventID = try row.decode(UUID?.self, at: 18)
        obligation.metBy = try row.decode(String?.self, at: 19)
        obligation.clock = try row.decode(DeadlineClock.self, at: 20, in: table)
        obligation.delegatedFrom = try row.decode(String?.self, at: 21)
        obligation.metOnBehalfOf = try row.decode(String?.self, at: 22)
        obligation.pausedUntil = try row.decode(Date?.self, at: 23)
        if let vi = try row.decode(String?.self, at: 24) {
            obligation.pauseReason = DeadlineReason(
                vi: vi,
                en: try row.decode(String?.self, at: 25) ?? vi,
                legalBasis: try row.decode(String?.self, at: 26) ?? ""
            )
        }
        return obligation
    }

    /// The first reminder still to send for a freshly written obligation, or one that moved up a
    /// level: reminders only matter while it is open and before its (current level's) deadline.
    static func firstReminder(of obligation: Obligation) -> Date? {
        guard obligation.status == .open, let dueAt = obligation.dueAt else { return nil }
        // At a level above 0, the reminders before its deadline, not the earlier levels' ones;
        // after a pause, from the pause's end (its own reminder) on.
        let starts = [obligation.escalatedAt, obligation.pausedUntil.map { $0.addingTimeInterval(-0.001) }]
        let levelStart = starts.compactMap { $0 }.max() ?? .distantPast
        return obligation.remindersAt.first { $0 < dueAt && $0 > levelStart }
    }
}
