import Foundation
import WatchpostCore

/// A delivery the dispatcher has claimed (leased) for one attempt, with everything needed to
/// render its message: the alert, the incident as it stands now, and the incident's alerts
/// (who else has been told).
public struct ClaimedDelivery: Sendable, Hashable, Identifiable {
    /// The delivery id, also the idempotency key sent to the receiver.
    public var id: UUID
    /// The alert to deliver.
    public var alert: Alert
    /// The officer to reach.
    public var recipient: OfficerID
    /// The language to write in.
    public var locale: DisplayLocale
    /// The recipient's channels, most preferred first, as stored with the delivery.
    public var channels: [Channel]
    /// The channel to use for this attempt.
    public var channelIndex: Int
    /// This attempt's number over all channels, 1-based; also the claim's fencing token:
    /// `record` applies only while the row still has this attempt count.
    public var attempt: Int
    /// Failed attempts already recorded on `channelIndex`.
    public var channelFailures: Int
    /// The incident the alert is about, with its obligations and evidence.
    public var incident: IncidentState
    /// Every alert of the incident so far, oldest first.
    public var incidentAlerts: [Alert]
    /// For alerts caused by an `incident.escalated` event: when that event says the deadline
    /// passed.
    public var missedDeadline: Date?

    /// Creates a claimed delivery.
    public init(
        id: UUID,
        alert: Alert,
        recipient: OfficerID,
        locale: DisplayLocale,
        channels: [Channel],
        channelIndex: Int,
        attempt: Int,
        channelFailures: Int,
        incident: IncidentState,
        incidentAlerts: [Alert],
        missedDeadline: Date?
    ) {
        self.id = id
        self.alert = alert
        self.recipient = recipient
        self.locale = locale
        self.channels = channels
        self.channelIndex = channelIndex
        self.attempt = attempt
        self.channelFailures = channelFailures
        self.incident = incident
        self.incidentAlerts = incidentAlerts
        self.missedDeadline = missedDeadline
    }
}
