import Foundation

/// An obligation met by an event.
public struct ObligationMet: Sendable, Hashable {
    /// The obligation.
    public var obligationID: UUID
    /// Its kind.
    public var kind: ObligationKind
    /// The event that met it.
    public var eventID: UUID
    /// The officer who sent that event.
    public var by: OfficerID?
    /// When it was met (the decision time).
    public var at: Date
    /// Whether it had escalated before being met (still met: late, on record).
    public var wasEscalated: Bool

    /// Creates a record.
    public init(obligationID: UUID, kind: ObligationKind, eventID: UUID, by: OfficerID?, at: Date, wasEscalated: Bool) {
        self.obligationID = obligationID
        self.kind = kind
        self.eventID = eventID
        self.by = by
        self.at = at
        self.wasEscalated = wasEscalated
    }
}

/// An obligation no longer owed because its incident was resolved or merged into another.
public struct ObligationCancelled: Sendable, Hashable {
    /// The obligation.
    public var obligationID: UUID
    /// The `incident.resolved` or `incident.merged` event.
    public var eventID: UUID
    /// When.
    public var at: Date

    /// Creates a record.
    public init(obligationID: UUID, eventID: UUID, at: Date) {
        self.obligationID = obligationID
        self.eventID = eventID
        self.at = at
    }
}

/// An obligation moved one level up its chain.
public struct ObligationEscalation: Sendable, Hashable {
    /// The obligation.
    public var obligationID: UUID
    /// The `incident.escalated` event.
    public var eventID: UUID
    /// The level reached (from 1).
    public var level: Int
    /// Who that level tells.
    public var notified: [Relation]
    /// The level's deadline; `nil` at the chain's last level.
    public var nextDueAt: Date?
    /// When.
    public var at: Date

    /// Creates a record.
    public init(obligationID: UUID, eventID: UUID, level: Int, notified: [Relation], nextDueAt: Date?, at: Date) {
        self.obligationID = obligationID
        self.eventID = eventID
        self.level = level
        self.notified = notified
        self.nextDueAt = nextDueAt
        self.at = at
    }
}
