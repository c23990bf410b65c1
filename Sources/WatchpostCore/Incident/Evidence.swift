import Foundation

/// One report of the incident's content: the first report, or a duplicate attached to it. It keeps
/// the reporter's own classification, which the incident's routing plan keeps applying (D32).
public struct Evidence: Sendable, Hashable {
    /// The `incident.reported` event.
    public var eventID: UUID
    /// Who reported it.
    public var reportedBy: EventSource
    /// When the reporter saw it.
    public var reportedAt: Date
    /// Where it appeared.
    public var platform: Platform
    /// Links to it.
    public var urls: [String]
    /// The reporter's summary.
    public var summary: String
    /// The reporter's judgement of severity.
    public var severity: Severity
    /// The reporter's category.
    public var category: IncidentCategory
    /// The roles of the people involved, as the reporter gave them; never names.
    public var subjects: [SubjectRole]

    /// Creates evidence.
    public init(
        eventID: UUID,
        reportedBy: EventSource,
        reportedAt: Date,
        platform: Platform,
        urls: [String],
        summary: String,
        severity: Severity,
        category: IncidentCategory,
        subjects: [SubjectRole]
    ) {
        self.eventID = eventID
        self.reportedBy = reportedBy
        self.reportedAt = reportedAt
        self.platform = platform
        self.urls = urls
        self.summary = summary
        self.severity = severity
        self.category = category
        self.subjects = subjects
    }
}
