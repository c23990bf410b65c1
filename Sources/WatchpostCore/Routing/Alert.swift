import Foundation

/// Which message template an alert uses; raw values are the template keys in WatchpostNotify.
public enum AlertTemplate: String, CaseIterable, Sendable, Codable, Hashable {
    /// A new incident.
    case incidentNew = "incident.new"
    /// New facts about an incident (severity, category) that now concern the recipient.
    case incidentUpdated = "incident.updated"
    /// The incident was escalated by hand.
    case incidentEscalated = "incident.escalated"
    /// The incident was resolved.
    case incidentResolved = "incident.resolved"
    /// A resolved incident was reopened, or a merged one unmerged.
    case incidentReopened = "incident.reopened"
    /// The incident was merged into another, which carries on for both (D60).
    case incidentMerged = "incident.merged"
    /// A duplicate report was attached to an open incident.
    case evidenceAttached = "incident.evidence_attached"
    /// An obligation's deadline is near.
    case obligationReminder = "obligation.reminder"
    /// An obligation reached the recipient's escalation level.
    case obligationEscalated = "obligation.escalated"
    /// Tells the owner their deadline was missed and escalated.
    case obligationMissed = "obligation.missed"
    /// Tells the authority desk that an alert could not be delivered to its recipient.
    case deliveryFailed = "delivery.failed"
}

/// Who is told what about which incident, and why.
public struct Alert: Sendable, Hashable, Identifiable {
    /// Deterministic id (UUIDv5), so a replay produces the same alert.
    public var id: UUID
    /// The incident.
    public var incidentID: UUID
    /// The event that caused it; `nil` for reminders, which no event causes.
    public var eventID: UUID?
    /// The officer told.
    public var recipient: OfficerID
    /// Why that officer: their relation to the school.
    public var relation: Relation
    /// The message template.
    public var template: AlertTemplate
    /// A stable reason, e.g. `rule:child-at-risk`, `escalation:acknowledge:level-2`.
    public var reason: String
    /// The obligation it concerns, if any.
    public var obligationID: UUID?
    /// When it was decided.
    public var createdAt: Date

    /// Creates an alert.
    public init(
        id: UUID,
        incidentID: UUID,
        eventID: UUID?,
        recipient: OfficerID,
        relation: Relation,
        template: AlertTemplate,
        reason: String,
        obligationID: UUID?,
        createdAt: Date
    ) {
        self.id = id
        self.incidentID = incidentID
        self.eventID = eventID
        self.recipient = recipient
        self.relation = relation
        self.template = template
        self.reason = reason
        self.obligationID = obligationID
        self.createdAt = createdAt
    }
}

/// One alert to deliver to one officer; the dispatcher tries `channels` in order.
public struct Delivery: Sendable, Hashable, Identifiable {
    /// Deterministic id (UUIDv5 of the alert id); also the idempotency key.
    public var id: UUID
    /// The alert.
    public var alertID: UUID
    /// The officer.
    public var recipient: OfficerID
    /// The officer's language.
    public var locale: DisplayLocale
    /// The officer's channels, most preferred first, as in the directory at decision time.
    public var channels: [Channel]

    /// Creates a delivery.
    public init(id: UUID, alertID: UUID, recipient: OfficerID, locale: DisplayLocale, channels: [Channel]) {
        self.id = id
        self.alertID = alertID
        self.recipient = recipient
        self.locale = locale
        self.channels = channels
    }
}
