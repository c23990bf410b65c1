import Foundation

/// Whether an obligation is still owed.
public enum ObligationStatus: String, CaseIterable, Sendable, Codable, Hashable {
    /// Owed; the deadline enforcer watches `dueAt`.
    case open
    /// Met by an event; never escalates again.
    case met
    /// No longer owed because the incident was resolved.
    case cancelled
}

/// What one person owes on an incident, by when, why, and how far it has escalated.
public struct Obligation: Sendable, Hashable, Identifiable {
    /// Deterministic id: UUIDv5 of incident, opening event, kind and owner relation.
    public var id: UUID
    /// The incident.
    public var incidentID: UUID
    /// What is owed.
    public var kind: ObligationKind
    /// Who owes it, by relation to the school at the time it was opened.
    public var ownerRelation: Relation
    /// The officer who owes it, resolved from the directory when it was opened; `nil` if the
    /// directory had nobody in that relation.
    public var ownerOfficerID: OfficerID?
    /// The event that opened it.
    public var openedByEventID: UUID
    /// When it was opened.
    public var openedAt: Date
    /// The current deadline: the original one at level 0, the level's deadline after an
    /// escalation, `nil` once the chain's last level is reached.
    public var dueAt: Date?
    /// When to remind the owner, earliest first, at every level (those of earlier levels stay).
    public var remindersAt: [Date]
    /// Why the deadline exists.
    public var reason: DeadlineReason
    /// The id of that reason in `routing.yaml`.
    public var reasonID: String
    /// The escalation chain it follows.
    public var chain: String
    /// The clock its deadlines run on, from the policy when it was opened.
    public var clock: DeadlineClock = .calendar
    /// When the officer holding `ownerRelation` was away as it opened: that officer, whose
    /// delegate (`ownerOfficerID`) owes it instead. The per-head report counts it for the delegate.
    public var delegatedFrom: OfficerID?
    /// When the authority's duty officer (`metBy`) acknowledged it on the owner's behalf: the
    /// owner it was met for.
    public var metOnBehalfOf: OfficerID?
    /// While it waits for someone else (`pauses` in the policy): until when. `dueAt` already
    /// holds the resumed deadline, and a reminder falls at this instant, so the owner hears when
    /// the wait is over.
    public var pausedUntil: Date?
    /// Why it waits.
    public var pauseReason: DeadlineReason?
    /// 0 until first escalated; then the chain level reached.
    public var level: Int
    /// Open, met or cancelled.
    public var status: ObligationStatus
    /// When it was last escalated.
    public var escalatedAt: Date?
    /// When it was met or cancelled.
    public var closedAt: Date?
    /// The event that met or cancelled it.
    public var closedByEventID: UUID?
    /// The officer whose event met it.
    public var metBy: OfficerID?

    /// Creates an open obligation at level 0.
    public init(
        id: UUID,
        incidentID: UUID,
        kind: ObligationKind,
        ownerRelation: Relation,
        ownerOfficerID: OfficerID?,
        openedByEventID: UUID,
        openedAt: Date,
        dueAt: Date?,
        remindersAt: [Date],
        reason: DeadlineReason,
        reasonID: String,
        chain: String
    ) {
        self.id = id
        self.incidentID = incidentID
        self.kind = kind
        self.ownerRelation = ownerRelation
        self.ownerOfficerID = ownerOfficerID
        self.openedByEventID = openedByEventID
        self.openedAt = openedAt
        self.dueAt = dueAt
        self.remindersAt = remindersAt
        self.reason = reason
        self.reasonID = reasonID
        self.chain = chain
        self.level = 0
        self.status = .open
    }

    /// Whether it has gone at least one level up its chain.
    public var isEscalated: Bool { level > 0 }
}
