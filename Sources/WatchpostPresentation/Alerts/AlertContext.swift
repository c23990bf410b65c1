import Foundation
import WatchpostCore
import WatchpostNotify

/// Everything one alert message is made from. Rendering reads nothing else, so a message can
/// be rebuilt exactly from stored rows and tested as a value.
public struct AlertContext: Sendable {
    /// The alert to render.
    public var alert: Alert
    /// The incident as it stands when the message is rendered.
    public var incident: IncidentState
    /// The obligation the alert concerns, if any.
    public var obligation: Obligation?
    /// The open obligations the recipient owes on this incident (the alert's own among them
    /// when the recipient owes it), earliest deadline first.
    public var recipientObligations: [Obligation]
    /// The school.
    public var school: WatchpostCore.Unit
    /// The school's supervising education authority, if known.
    public var authority: WatchpostCore.Unit?
    /// The officer told.
    public var recipient: Officer
    /// The recipient's post, as the greeting addresses them ("Hiệu trưởng Trường THCS Bình Sơn").
    public var recipientTitle: String
    /// The officer who owes `obligation`, if the directory has one.
    public var owner: Officer?
    /// The owner's post, when there is an owner.
    public var ownerTitle: String?
    /// Who else has been told (for escalations and reminders), without the recipient.
    public var alsoTold: [NotifiedParty]
    /// For `obligation.escalated` and `obligation.missed`: the deadline that was missed. The
    /// `incident.escalated` event's `occurredAt` is exactly that instant; when `nil`, the
    /// obligation's `escalatedAt` (when the escalation was processed, normally within seconds).
    public var missedDeadline: Date?
    /// The language to write in; the delivery's locale.
    public var locale: DisplayLocale
    /// The delivery id, the same on every retry.
    public var idempotencyKey: String
    /// When the message is rendered; the acknowledge link expires a lifetime after it.
    public var now: Date
    /// For an alert sent in place of an officer who is away with nobody standing in (reason
    /// `absent:…`): who, in the reader's words, and the absence.
    public var absentHolder: (person: String, absence: Absence)?

    /// Creates a context from values the caller has already resolved.
    public init(
        alert: Alert,
        incident: IncidentState,
        obligation: Obligation?,
        recipientObligations: [Obligation],
        school: WatchpostCore.Unit,
        authority: WatchpostCore.Unit?,
        recipient: Officer,
        recipientTitle: String? = nil,
        owner: Officer?,
        ownerTitle: String? = nil,
        alsoTold: [NotifiedParty],
        missedDeadline: Date?,
        locale: DisplayLocale,
        idempotencyKey: String,
        now: Date
    ) {
        self.alert = alert
        self.incident = incident
        self.obligation = obligation
        self.recipientObligations = recipientObligations
        self.school = school
        self.authority = authority
        self.recipient = recipient
        self.recipientTitle = recipientTitle ?? recipient.title ?? ""
        self.owner = owner
        self.ownerTitle = ownerTitle ?? owner?.title
        self.alsoTold = alsoTold
        self.missedDeadline = missedDeadline
        self.locale = locale
        self.idempotencyKey = idempotencyKey
        self.now = now
    }

    /// Creates a context, resolving the school, its authority, the recipient, the obligation
    /// and the recipient's open obligations from `incident` and `directory`.
    ///
    /// - Parameters:
    ///   - locale: the delivery's locale; default: the recipient's locale in `directory`.
    ///   - idempotencyKey: the delivery id; default: `DerivedID.delivery(alert:)`.
    /// - Throws: when the alert belongs to another incident, or the school or the recipient is
    ///   not in `directory`.
    public init(
        alert: Alert,
        incident: IncidentState,
        directory: Directory,
        alsoTold: [NotifiedParty] = [],
        missedDeadline: Date? = nil,
        locale: DisplayLocale? = nil,
        idempotencyKey: String? = nil,
        now: Date
    ) throws(AlertContextError) {
        guard alert.incidentID == incident.id else {
            throw AlertContextError("alert \(alert.id) belongs to incident \(alert.incidentID), not \(incident.id)")
        }
        guard let school = directory.unit(incident.unitID) else {
            throw AlertContextError("unit `\(incident.unitID)` is not in the directory")
        }
        guard let recipient = directory.officer(alert.recipient) else {
            throw AlertContextError("officer `\(alert.recipient)` is not in the directory")
        }
        let obligation = alert.obligationID.flatMap(incident.obligation)
        let owed = incident.openObligations.filter { $0.ownerOfficerID == recipient.id }
        let owner = obligation?.ownerOfficerID.flatMap(directory.officer)
        let locale = locale ?? recipient.locale
        self.init(
            alert: alert,
            incident: incident,
            obligation: obligation,
            recipientObligations: Self.ordered(owed, first: obligation?.id),
            school: school,
            authority: school.parent.flatMap(directory.unit),
            recipient: recipient,
            recipientTitle: directory.title(of: recipient, locale: locale),
            owner: owner,
            ownerTitle: owner.map { directory.title(of: $0, locale: locale) },
            alsoTold: alsoTold,
            missedDeadline: missedDeadline,
            locale: locale,
            idempotencyKey: idempotencyKey ?? DerivedID.delivery(alert: alert.id).uuidString.lowercased(),
            now: now
        )
        if alert.reason.hasPrefix("absent:"),
            let id = alert.reason.split(separator: ":").dropFirst().first.map(String.init),
            let away = directory.officer(id), let absence = away.absences.first(where: { $0.covers(alert.createdAt) })
        {
            absentHolder = ("\(away.name), \(directory.title(of: away, locale: locale))", absence)
        }
    }

    /// `obligations` with `first` leading, then by deadline (none last), then by kind.
    static func ordered(_ obligations: [Obligation], first: UUID?) -> [Obligation] {
        obligations.sorted { a, b in
            if (a.id == first) != (b.id == first) { return a.id == first }
            switch (a.dueAt, b.dueAt) {
            case (let x?, let y?) where x != y: return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default: return a.kind.rawValue < b.kind.rawValue
            }
        }
    }
}

/// Why an alert's context could not be resolved.
public struct AlertContextError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is missing or inconsistent.
    public var message: String

    /// Creates an error.
    public init(_ message: String) { self.message = message }

    /// The message.
    public var description: String { message }
}
