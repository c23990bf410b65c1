import Foundation
import Postgres
import WatchpostCore

/// Who owes an obligation and where: the columns both audit reads start with.
struct AuditedObligation: Sendable, Hashable {
    var id: UUID
    var incidentID: UUID
    var school: UnitID
    var kind: ObligationKind
    var ownerRelation: Relation
    var ownerOfficerID: OfficerID?

    /// Decodes the first six columns of `row`.
    init(row: PostgresRow) throws {
        let table = "obligations"
        id = try row.decode(UUID.self, at: 0)
        incidentID = try row.decode(UUID.self, at: 1)
        school = try row.decode(String.self, at: 2)
        kind = try row.decode(ObligationKind.self, at: 3, in: table)
        ownerRelation = try row.decode(Relation.self, at: 4, in: table)
        ownerOfficerID = try row.decode(String?.self, at: 5)
    }
}

/// One deadline of `AuditQueries.deadlines`.
struct DeadlineRow: Sendable, Hashable {
    var obligation: AuditedObligation
    /// The chain level whose deadline it is.
    var level: Int
    var dueAt: Date
    /// When Watchpost stored the event that opened the obligation: a deadline already past
    /// then can only be escalated from that instant on.
    var storedAt: Date
    /// When the escalation that followed was first recorded.
    var escalatedAt: Date?
    /// Why the router refused that escalation, if it did.
    var refusal: String?
    var status: ObligationStatus
    var closedAt: Date?
    /// Whether the enforcer requested the next level (the request may be on its way through
    /// Kafka, with no record yet).
    var requested: Bool

    init(row: PostgresRow) throws {
        obligation = try AuditedObligation(row: row)
        level = try row.decode(Int.self, at: 6)
        dueAt = try row.decode(Date.self, at: 7)
        storedAt = try row.decode(Date.self, at: 8)
        escalatedAt = try row.decode(Date?.self, at: 9)
        refusal = try row.decode(String?.self, at: 10)
        status = try row.decode(ObligationStatus.self, at: 11, in: "obligations")
        closedAt = try row.decode(Date?.self, at: 12)
        requested = try row.decode(Bool.self, at: 13)
    }
}

/// One reminder of `AuditQueries.reminders`.
struct ReminderRow: Sendable, Hashable {
    var obligation: AuditedObligation
    var dueAt: Date
    /// When the reminder was due.
    var remindAt: Date
    var status: ObligationStatus
    var closedAt: Date?
    /// When it was sent (its first delivery queued); `nil` if never.
    var sentAt: Date?

    init(row: PostgresRow) throws {
        obligation = try AuditedObligation(row: row)
        dueAt = try row.decode(Date.self, at: 6)
        remindAt = try row.decode(Date.self, at: 7)
        status = try row.decode(ObligationStatus.self, at: 8, in: "obligations")
        closedAt = try row.decode(Date?.self, at: 9)
        sentAt = try row.decode(Date?.self, at: 10)
    }
}
