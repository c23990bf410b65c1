import Foundation
import WatchpostCore

/// A delivery the dispatcher has claimed (leased) for one attempt, with everything needed to
/// write its message: an alert with its incident, a sealed sign-in message, or a report.
public struct ClaimedDelivery: Sendable, Hashable, Identifiable {
    /// What the delivery carries.
    public enum Content: Sendable, Hashable {
        /// An alert, rendered from the incident as it stands now.
        case alert(ClaimedAlert)
        /// A sign-in message sealed by the API (`deliveries.sealed_message`); only the
        /// dispatcher, holding `WATCHPOST_LINK_SECRET`, can open it.
        case sealedSignIn(Data)
        /// A periodic report, written when it was produced.
        case report(ClaimedReport)
        /// Alerts held for one recipient and sent as one message (D58): each member is a claimed
        /// alert delivery with its own id and attempt, oldest first. The message's id (this
        /// delivery's `id`) is `DerivedID.groupedMessage` of the members.
        case grouped([ClaimedDelivery])
    }

    /// The delivery id, also the idempotency key sent to the receiver.
    public var id: UUID
    /// What to deliver.
    public var content: Content
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

    /// The deliveries this claim covers: the members of a grouped message, else itself.
    public var members: [ClaimedDelivery] {
        guard case .grouped(let members) = content else { return [self] }
        return members
    }

    /// The alert's id and incident, for logs and summaries; both `nil` for a sign-in message, a
    /// report or a grouped message.
    public var alert: AlertReference {
        guard case .alert(let claimed) = content else { return AlertReference(id: nil, incidentID: nil) }
        return AlertReference(id: claimed.alert.id, incidentID: claimed.alert.incidentID)
    }

    /// Which alert a delivery carries, if any.
    public struct AlertReference: Sendable, Hashable {
        /// The alert's id.
        public var id: UUID?
        /// Its incident.
        public var incidentID: UUID?
    }

    /// Creates a claimed delivery.
    public init(
        id: UUID,
        content: Content,
        recipient: OfficerID,
        locale: DisplayLocale,
        channels: [Channel],
        channelIndex: Int,
        attempt: Int,
        channelFailures: Int
    ) {
        self.id = id
        self.content = content
        self.recipient = recipient
        self.locale = locale
        self.channels = channels
        self.channelIndex = channelIndex
        self.attempt = attempt
        self.channelFailures = channelFailures
    }
}

/// The alert of a claimed delivery, with the incident as it stands now and who else was told.
public struct ClaimedAlert: Sendable, Hashable {
    /// The alert to deliver.
    public var alert: Alert
    /// The incident the alert is about, with its obligations and evidence.
    public var incident: IncidentState
    /// Every alert of the incident so far, oldest first.
    public var incidentAlerts: [Alert]
    /// For alerts caused by an `incident.escalated` event: when that event says the deadline
    /// passed.
    public var missedDeadline: Date?

    /// Creates a claimed alert.
    public init(alert: Alert, incident: IncidentState, incidentAlerts: [Alert], missedDeadline: Date?) {
        self.alert = alert
        self.incident = incident
        self.incidentAlerts = incidentAlerts
        self.missedDeadline = missedDeadline
    }
}
