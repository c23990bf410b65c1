import Foundation

/// One report of the incident's content: the first report, or a duplicate attached to it.
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

    /// Creates evidence.
    public init(
        eventID: UUID,
        reportedBy: EventSource,
        reportedAt: Date,
        platform: Platform,
        urls: [String],
        summary: String,
        severity: Severity
    ) {
        self.eventID = eventID
        self.reportedBy = reportedBy
        self.reportedAt = reportedAt
        self.platform = platform
        self.urls = urls
        self.summary = summary
        self.severity = severity
    }
}
