import Foundation

/// The current state of one incident, with its obligations: the router's input and output.
public struct IncidentState: Sendable, Hashable, Identifiable {
    /// The incident id (also the Kafka key).
    public var id: UUID
    /// The school.
    public var unitID: UnitID
    /// Lifecycle position.
    public var status: IncidentStatus
    /// Current category.
    public var category: IncidentCategory
    /// Current severity.
    public var severity: Severity
    /// Platform of the first report.
    public var platform: Platform
    /// Roles of the people involved; never names.
    public var subjects: [SubjectRole]
    /// Every link reported, without repeats.
    public var urls: [String]
    /// The current summary.
    public var summary: String
    /// The key duplicate reports are matched on.
    public var dedupKey: String
    /// When the content was first seen, by the earliest of its reports.
    public var reportedAt: Date
    /// When Watchpost opened it (or last reopened it): deadlines count from here.
    public var openedAt: Date
    /// When it was first acknowledged since (re)opening.
    public var acknowledgedAt: Date?
    /// Officers who acknowledged since (re)opening, in order.
    public var acknowledgedBy: [OfficerID]
    /// When the first action was recorded since (re)opening.
    public var firstActionAt: Date?
    /// When it was resolved; `nil` while open.
    public var resolvedAt: Date?
    /// The highest escalation level reached by any of its obligations or by hand.
    public var escalationLevel: Int
    /// How many times it was reopened.
    public var reopenCount: Int
    /// The first report and every duplicate attached to it.
    public var evidence: [Evidence]
    /// Every obligation ever opened on it, in the order opened.
    public var obligations: [Obligation]
    /// Every officer Watchpost has alerted about it (the `alerts` table's recipients). With the
    /// obligations' owners, these are the officers it was routed to (`isRouted(to:)`).
    public var alerted: Set<OfficerID>
    /// While `status` is `merged`: the incident it is merged into (D60).
    public var mergedInto: UUID?
    /// The duplicates merged into it and not unmerged, in the order they were merged.
    public var mergedFrom: [UUID] = []

    /// Creates a freshly reported incident.
    public init(
        id: UUID,
        unitID: UnitID,
        report: IncidentReported,
        reportedAt: Date,
        openedAt: Date,
        evidence: Evidence
    ) {
        self.id = id
        self.unitID = unitID
        status = .reported
        category = report.category
        severity = report.severity
        platform = report.platform
        subjects = report.subjects
        urls = report.urls
        summary = report.summary
        dedupKey = report.dedupKey
        self.reportedAt = reportedAt
        self.openedAt = openedAt
        acknowledgedBy = []
        escalationLevel = 0
        reopenCount = 0
        self.evidence = [evidence]
        obligations = []
        alerted = []
    }

    /// The facts rules match on, given the school's kind.
    public func facts(schoolKind: UnitKind) -> IncidentFacts {
        IncidentFacts(
            category: category,
            severity: severity,
            schoolKind: schoolKind,
            subjects: subjects,
            platform: platform
        )
    }

    /// The facts of the incident and of each report's own classification (category, platform), all
    /// at the incident's severity and with its subjects: the routing plan is the union of what
    /// rules ask for any of them (D32), so a vaguer report attached first never hides a stronger one.
    public func classifiedFacts(schoolKind: UnitKind) -> [IncidentFacts] {
        var all = [facts(schoolKind: schoolKind)]
        for report in evidence {
            let reported = IncidentFacts(
                category: report.category,
                severity: severity,
                schoolKind: schoolKind,
                subjects: subjects,
                platform: report.platform
            )
            if !all.contains(reported) { all.append(reported) }
        }
        return all
    }

    /// Attaches a further report of the same content. The incident takes the higher severity, the
    /// more serious category (`IncidentCategory.bySeriousness`), every subject and link, and the
    /// earlier sighting; each is a maximum or a union, so the result does not depend on the order
    /// reports arrive in (D32).
    public mutating func attach(_ report: Evidence) {
        evidence.append(report)
        for url in report.urls where !urls.contains(url) { urls.append(url) }
        for role in report.subjects where !subjects.contains(role) { subjects.append(role) }
        severity = max(severity, report.severity)
        if report.category.isMoreSerious(than: category) { category = report.category }
        reportedAt = min(reportedAt, report.reportedAt)
    }

    /// Whether Watchpost routed it to `officer`: alerted them, or made them owe an obligation.
    /// A police liaison may act only on incidents routed to them (`Responsibility`), as in the API.
    public func isRouted(to officer: OfficerID) -> Bool {
        alerted.contains(officer) || obligations.contains { $0.ownerOfficerID == officer }
    }

    /// The obligations still owed.
    public var openObligations: [Obligation] { obligations.filter { $0.status == .open } }

    /// The obligation with `id`, if any.
    public func obligation(_ id: UUID) -> Obligation? { obligations.first { $0.id == id } }
}
