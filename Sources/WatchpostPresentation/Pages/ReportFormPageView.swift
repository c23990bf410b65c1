import Foundation
import WatchpostCore

/// "Báo cáo sự việc" (`report-form.mustache`): the form a monitoring officer fills in for
/// content seen on a social network, with each problem next to its field and listed above the
/// form, and the confirmation of a report just sent.
public struct ReportFormPageView: Sendable {
    /// What the officer typed, to show the form again; the values are the options' wire
    /// spellings (`zalo`, `school_violence`, `student`).
    public struct Entries: Sendable {
        /// The school's unit id.
        public var school: String
        /// The social network.
        public var platform: String
        /// The links, one a line.
        public var urls: String
        /// The kind of incident.
        public var category: String
        /// The severity.
        public var severity: String
        /// The roles of the people involved.
        public var subjects: [String]
        /// The short description.
        public var summary: String

        /// The entries of a form.
        public init(
            school: String = "",
            platform: String = "",
            urls: String = "",
            category: String = "",
            severity: String = "",
            subjects: [String] = [],
            summary: String = ""
        ) {
            self.school = school
            self.platform = platform
            self.urls = urls
            self.category = category
            self.severity = severity
            self.subjects = subjects
            self.summary = summary
        }
    }

    /// The confirmation of a report just sent.
    struct Sent: Sendable {
        let incidentLink: String
    }

    let sent: Sent?
    let problems: FormProblemsView?
    let csrf: String?
    let fields: [FieldView]

    /// The form for an officer who may report for `schools`, holding `entries`, with the
    /// `problems` of its fields by field name (`urls`); `sent` is the incident of a report just
    /// sent; `csrfToken` is the session's token, "" for a caller without a session.
    public init(
        schools: [WatchpostCore.Unit],
        entries: Entries,
        problems: [String: String],
        sent: UUID?,
        csrfToken: String,
        locale: DisplayLocale
    ) {
        self.sent = sent.map { Sent(incidentLink: "/incidents/\($0.canonicalString)") }
        csrf = csrfToken.isEmpty ? nil : csrfToken
        let fields = Self.fields(schools: schools, entries: entries, problems: problems, locale: locale)
        self.fields = fields
        self.problems = FormProblemsView(fields) { count in
            locale.text("Chưa gửi được: có \(count) chỗ cần sửa.", "Not sent yet: \(count) thing(s) to fix.")
        }
    }
}
