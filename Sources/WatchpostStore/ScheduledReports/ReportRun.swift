import Foundation
import WatchpostCore

/// Which periodic report: an authority's report of one cadence for one period. At most one
/// report run exists for each.
public struct ReportRunKey: Sendable, Hashable {
    /// Weekly or monthly.
    public var cadence: ReportCadence
    /// The issuing education authority.
    public var authorityID: UnitID
    /// The period, `[from, to)`.
    public var from: Date
    /// The first instant after the period.
    public var to: Date

    /// Creates a key.
    public init(cadence: ReportCadence, authorityID: UnitID, from: Date, to: Date) {
        self.cadence = cadence
        self.authorityID = authorityID
        self.from = from
        self.to = to
    }
}

/// What a produced report says, written once its document number is known.
public struct ReportRunContent: Sendable, Hashable {
    /// The subject line in Vietnamese.
    public var subjectVi: String
    /// The subject line in English.
    public var subjectEn: String
    /// A few lines for SMS and short channels.
    public var summaryVi: String
    /// The summary in English.
    public var summaryEn: String
    /// The text channels' body.
    public var markdown: String
    /// The administrative document.
    public var html: String
    /// The figures as JSON (`PeriodReport.json()`).
    public var figures: Data

    /// Creates the content.
    public init(
        subjectVi: String,
        subjectEn: String,
        summaryVi: String,
        summaryEn: String,
        markdown: String,
        html: String,
        figures: Data
    ) {
        self.subjectVi = subjectVi
        self.subjectEn = subjectEn
        self.summaryVi = summaryVi
        self.summaryEn = summaryEn
        self.markdown = markdown
        self.html = html
        self.figures = figures
    }
}

/// A report to deliver, as the dispatcher claims it.
public struct ClaimedReport: Sendable, Hashable {
    /// The report run's id.
    public var id: UUID
    /// Weekly or monthly.
    public var cadence: ReportCadence
    /// The authority the report is for.
    public var authorityID: UnitID
    /// The period's first instant.
    public var from: Date
    /// The first instant after the period.
    public var to: Date
    /// Watchpost's reference of the run, e.g. "12/2026": the run's count in its year. The document's
    /// own number is the clerk's register's and stays blank.
    public var number: String
    /// What the report says.
    public var content: ReportRunContent

    /// Creates a claimed report.
    public init(
        id: UUID,
        cadence: ReportCadence,
        authorityID: UnitID,
        from: Date,
        to: Date,
        number: String,
        content: ReportRunContent
    ) {
        self.id = id
        self.cadence = cadence
        self.authorityID = authorityID
        self.from = from
        self.to = to
        self.number = number
        self.content = content
    }
}
