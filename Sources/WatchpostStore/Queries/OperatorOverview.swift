import Foundation
import WatchpostCore

/// What an operator looks at first: how much is in the system, how far behind deadline
/// enforcement is, which obligations are most overdue, and which deliveries died. Read by `StoreQueries.operatorOverview(now:)`.
public struct OperatorOverview: Sendable, Hashable, Codable {
    /// Row counts by state.
    public struct Counts: Sendable, Hashable, Codable {
        /// Stored events (every outcome).
        public var events: Int
        /// Incidents not resolved.
        public var openIncidents: Int
        /// Resolved incidents.
        public var resolvedIncidents: Int
        /// Open obligations, overdue ones included.
        public var openObligations: Int
        /// Open obligations whose deadline has passed.
        public var overdueObligations: Int
        /// Obligations met.
        public var metObligations: Int
        /// Alerts.
        public var alerts: Int
        /// Deliveries still pending.
        public var pendingDeliveries: Int
        /// Deliveries delivered.
        public var deliveredDeliveries: Int
        /// Deliveries that gave up.
        public var deadDeliveries: Int
        /// Deliveries cancelled (by an acknowledgement or a resolution).
        public var cancelledDeliveries: Int
        /// Rejected inputs not yet replayed.
        public var rejectedNotReplayed: Int
        /// Messages (dead letters, escalations) queued for Kafka and not yet acknowledged by it.
        public var outboxPending: Int
        /// Outbox messages the broker refused for good (retried hourly; the inputs stay in
        /// `rejected_events`).
        public var outboxRefused: Int
    }

    /// An open obligation past its deadline.
    public struct OverdueObligation: Sendable, Hashable, Codable {
        /// The obligation.
        public var id: UUID
        /// Its incident.
        public var incidentID: UUID
        /// The incident's school.
        public var schoolID: UnitID
        /// The school's name, when the unit is in the database.
        public var schoolName: String?
        /// What is owed.
        public var kind: ObligationKind
        /// Who owes it, by relation.
        public var ownerRelation: Relation
        /// Who owed it when it opened; `nil` when nobody held the relation.
        public var ownerOfficerID: OfficerID?
        /// The deadline that passed.
        public var dueAt: Date
        /// The escalation level reached (0: not escalated).
        public var level: Int
    }

    /// A delivery that gave up, with the error of its last attempt.
    public struct DeadDelivery: Sendable, Hashable, Codable {
        /// The delivery (also its idempotency key).
        public var id: UUID
        /// The alert it carried.
        /// Nil for a sign-in message, which has no alert.
        public var alertID: UUID?
        /// The incident of the alert, when the alert row is there.
        public var incidentID: UUID?
        /// The officer it was for.
        public var recipient: OfficerID
        /// How many attempts were made.
        public var attempts: Int
        /// The last error recorded.
        public var lastError: String?
        /// When the last attempt finished, when one was recorded.
        public var lastAttemptAt: Date?
    }

    /// When the overview was read; "overdue" is relative to it.
    public var readAt: Date
    /// Counts by state.
    public var counts: Counts
    /// Seconds since the deadline of the oldest open obligation whose deadline passed and whose
    /// next escalation is not requested yet (`OverdueObligations.oldestUnescalatedAge`); 0 when
    /// none. Anything lasting here means the deadline enforcer is behind.
    public var oldestUnescalatedOverdueSeconds: Double
    /// The most overdue obligations first.
    public var overdueObligations: [OverdueObligation]
    /// Dead deliveries, the most recent first.
    public var deadDeliveries: [DeadDelivery]
}
