import Foundation

/// The type-specific body of an event; its case determines `Event.type`.
public enum EventPayload: Sendable, Hashable {
    case reported(IncidentReported)
    case updated(IncidentUpdated)
    case acknowledged(IncidentAcknowledged)
    case actionRecorded(ActionRecorded)
    case escalated(IncidentEscalated)
    case resolved(IncidentResolved)
    case reopened(IncidentReopened)
    case merged(IncidentMerged)
    case unmerged(IncidentUnmerged)

    /// The wire name of this payload's event type.
    public var type: EventType {
        switch self {
        case .reported: .incidentReported
        case .updated: .incidentUpdated
        case .acknowledged: .incidentAcknowledged
        case .actionRecorded: .actionRecorded
        case .escalated: .incidentEscalated
        case .resolved: .incidentResolved
        case .reopened: .incidentReopened
        case .merged: .incidentMerged
        case .unmerged: .incidentUnmerged
        }
    }
}

/// `incident.reported`: a monitoring officer reports content seen on a social network.
public struct IncidentReported: Sendable, Hashable {
    /// Where the content appeared.
    public var platform: Platform
    /// Links to the content (absolute http/https URLs), at least one.
    public var urls: [String]
    /// What kind of content or situation it is.
    public var category: IncidentCategory
    /// How serious the reporter judges it.
    public var severity: Severity
    /// The roles of the people involved; never names.
    public var subjects: [SubjectRole]
    /// A short description, non-empty, at most 2 000 characters.
    public var summary: String
    /// Reports with the same key while an incident is open attach to it. Defaults to
    /// `DedupKey.defaultKey(forFirstURL:)`: the content's platform id, else the normalised first URL.
    public var dedupKey: String

    /// Creates a report body.
    public init(
        platform: Platform,
        urls: [String],
        category: IncidentCategory,
        severity: Severity,
        subjects: [SubjectRole],
        summary: String,
        dedupKey: String
    ) {
        self.platform = platform
        self.urls = urls
        self.category = category
        self.severity = severity
        self.subjects = subjects
        self.summary = summary
        self.dedupKey = dedupKey
    }
}

/// `incident.updated`: new facts about an open incident; absent fields stay as they were.
public struct IncidentUpdated: Sendable, Hashable {
    /// A changed severity, if any.
    public var severity: Severity?
    /// A changed category, if any.
    public var category: IncidentCategory?
    /// A replacement summary, if any.
    public var summary: String?
    /// More links to the same content, if any.
    public var addedURLs: [String]
    /// Roles of further people involved, if any.
    public var addedSubjects: [SubjectRole]

    /// Creates an update body.
    public init(
        severity: Severity? = nil,
        category: IncidentCategory? = nil,
        summary: String? = nil,
        addedURLs: [String] = [],
        addedSubjects: [SubjectRole] = []
    ) {
        self.severity = severity
        self.category = category
        self.summary = summary
        self.addedURLs = addedURLs
        self.addedSubjects = addedSubjects
    }
}

/// `incident.acknowledged`: the officer in `Event.source` has seen the incident and takes charge.
public struct IncidentAcknowledged: Sendable, Hashable {
    /// An optional note.
    public var note: String?

    /// Creates an acknowledgement body.
    public init(note: String? = nil) { self.note = note }
}

/// `action.recorded`: the officer in `Event.source` reports an action taken.
public struct ActionRecorded: Sendable, Hashable {
    /// What was done.
    public var action: ActionKind
    /// An optional note.
    public var note: String?
    /// An optional absolute http/https link proving it (the correction post, the takedown notice).
    public var evidenceURL: String?

    /// Creates an action body.
    public init(action: ActionKind, note: String? = nil, evidenceURL: String? = nil) {
        self.action = action
        self.note = note
        self.evidenceURL = evidenceURL
    }
}

/// `incident.escalated`: the incident goes one level up, by the deadline enforcer or by hand.
public struct IncidentEscalated: Sendable, Hashable {
    /// The escalation level reached, from 1.
    public var level: Int
    /// Why it was escalated.
    public var reason: EscalationReason
    /// The obligation whose deadline was missed, for `deadline_missed`.
    public var obligationID: UUID?
    /// An optional note.
    public var note: String?

    /// Creates an escalation body.
    public init(level: Int, reason: EscalationReason, obligationID: UUID? = nil, note: String? = nil) {
        self.level = level
        self.reason = reason
        self.obligationID = obligationID
        self.note = note
    }
}

/// `incident.resolved`: the responsible officer closes the incident.
public struct IncidentResolved: Sendable, Hashable {
    /// How it was resolved.
    public var note: String?

    /// Creates a resolution body.
    public init(note: String? = nil) { self.note = note }
}

/// `incident.reopened`: a resolved incident needs attention again.
public struct IncidentReopened: Sendable, Hashable {
    /// Why it was reopened; required.
    public var reason: String

    /// Creates a reopen body.
    public init(reason: String) { self.reason = reason }
}
