import Foundation
import WatchpostCore

/// One incident as the store has it, for printing: its state (with obligations and their due
/// times, and evidence), where the school stood in the tree when it opened, and every alert.
public struct IncidentSummary: Sendable, Hashable {
    /// The state, exactly as the router last left it.
    public var state: IncidentState
    /// The school's supervising authority when the incident was opened.
    public var authorityID: UnitID?
    /// The school's commune when the incident was opened.
    public var communeID: UnitID?
    /// Every alert, oldest first, with its delivery.
    public var alerts: [AlertRecord]
    /// How many stored events name or were applied to this incident.
    public var eventCount: Int
    /// When its summary, links and evidence text were removed under the retention policy
    /// (`RetentionStore`); nil while they are kept.
    public var purgedAt: Date?

    /// Creates a summary.
    public init(
        state: IncidentState,
        authorityID: UnitID?,
        communeID: UnitID?,
        alerts: [AlertRecord],
        eventCount: Int,
        purgedAt: Date? = nil
    ) {
        self.state = state
        self.authorityID = authorityID
        self.communeID = communeID
        self.alerts = alerts
        self.eventCount = eventCount
        self.purgedAt = purgedAt
    }
}

/// An alert with the state of its delivery.
public struct AlertRecord: Sendable, Hashable {
    /// The alert.
    public var alert: Alert
    /// `pending`, `delivered`, `dead` or `cancelled`; `nil` if it has no delivery.
    public var deliveryStatus: String?
    /// Delivery attempts made so far.
    public var attempts: Int
    /// When it was delivered.
    public var deliveredAt: Date?

    /// Creates a record.
    public init(alert: Alert, deliveryStatus: String?, attempts: Int, deliveredAt: Date?) {
        self.alert = alert
        self.deliveryStatus = deliveryStatus
        self.attempts = attempts
        self.deliveredAt = deliveredAt
    }
}
