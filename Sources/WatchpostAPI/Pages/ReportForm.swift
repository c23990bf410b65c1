import Foundation
import WatchpostCore
import WatchpostPresentation

/// The report form of a monitoring officer, read from its fields and checked the way the
/// workers' decoder will check it, with each problem written next to its field in the reader's
/// language. Subjects are roles only, never names (Law 91/2025/QH15 on personal data).
struct ReportForm: Sendable {
    /// The form's fields, as the officer typed them, to show the form again.
    var school = ""
    var platform = ""
    var urls = ""
    var category = ""
    var severity = ""
    var subjects: [String] = []
    var summary = ""

    /// The form's field names, in the order of the page.
    enum Field: String, CaseIterable, Sendable {
        case school, platform, urls, category, severity, subjects, summary
    }

    /// Reads the posted fields.
    init(_ form: PageForm) {
        school = form["school"] ?? ""
        platform = form["platform"] ?? ""
        urls = form["urls"] ?? ""
        category = form["category"] ?? ""
        severity = form["severity"] ?? ""
        subjects = form.all("subjects")
        summary = form["summary"] ?? ""
    }

    /// An empty form.
    init() {}

    /// The fields as the page shows them again.
    var entries: ReportFormPageView.Entries {
        .init(
            school: school,
            platform: platform,
            urls: urls,
            category: category,
            severity: severity,
            subjects: subjects,
            summary: summary
        )
    }

    /// The links, one a line, blank lines dropped.
    var urlList: [String] {
        urls.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The report, or every problem by field, in `locale`. `schools` are the units the officer
    /// may report for.
    func validate(schools: [WatchpostCore.Unit], locale: DisplayLocale) -> Result<
        (unit: UnitID, report: IncidentReported), ReportFormProblems
    > {
        var problems = ReportFormProblems()
        let problem = { (key: String) in Labels.label("reportForm", key)(locale) }
        let unit = schools.first { $0.id == school }
        if unit == nil {
            problems[.school] = problem("schoolMissing")
        }
        let platform = Platform(rawValue: platform)
        if platform == nil {
            problems[.platform] = problem("platformMissing")
        }
        let links = urlList
        if links.isEmpty {
            problems[.urls] = problem("urlsMissing")
        } else if links.count > EventLimits.urlsPerEvent {
            problems[.urls] = locale.text(
                "Tối đa \(EventLimits.urlsPerEvent) đường dẫn; đề nghị bớt \(links.count - EventLimits.urlsPerEvent).",
                "At most \(EventLimits.urlsPerEvent) links; remove \(links.count - EventLimits.urlsPerEvent)."
            )
        } else if let index = links.firstIndex(where: { !Self.isWebLink($0) }) {
            problems[.urls] = locale.text(
                "Đường dẫn ở dòng \(index + 1) không hợp lệ: phải bắt đầu bằng https:// hoặc http:// và không có dấu cách.",
                "The link on line \(index + 1) is not valid: it must start with https:// or http:// and have no spaces."
            )
        } else if let index = links.firstIndex(where: { $0.unicodeScalars.count > EventLimits.url }) {
            problems[.urls] = locale.text(
                "Đường dẫn ở dòng \(index + 1) quá dài (tối đa \(EventLimits.url) ký tự).",
                "The link on line \(index + 1) is too long (at most \(EventLimits.url) characters)."
            )
        }
        let category = IncidentCategory(rawValue: category)
        if category == nil {
            problems[.category] = problem("categoryMissing")
        }
        let severity = Severity(rawValue: severity)
        if severity == nil {
            problems[.severity] = problem("severityMissing")
        }
        let roles = subjects.compactMap(SubjectRole.init(rawValue:))
        if roles.count != subjects.count {
            problems[.subjects] = problem("subjectsInvalid")
        }
        let text = summary.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty {
            problems[.summary] = problem("summaryMissing")
        } else if text.precomposedStringWithCanonicalMapping.unicodeScalars.count > EventLimits.summary {
            problems[.summary] = locale.text(
                "Mô tả quá dài: tối đa \(EventLimits.summary) ký tự.",
                "The description is too long: at most \(EventLimits.summary) characters."
            )
        }
        guard problems.isEmpty, let unit, let platform, let category, let severity, let first = links.first else {
            return .failure(problems)
        }
        let report = IncidentReported(
            platform: platform,
            urls: links,
            category: category,
            severity: severity,
            subjects: SubjectRole.allCases.filter(roles.contains),
            summary: text,
            dedupKey: DedupKey.defaultKey(forFirstURL: first)
        )
        return .success((unit.id, report))
    }

    /// Maps the decoder's problems (paths such as `data.urls[2]`) to the form's fields, for
    /// whatever the form's own checks let through.
    static func problems(from decoded: [EventProblem], locale: DisplayLocale) -> ReportFormProblems {
        var problems = ReportFormProblems()
        for problem in decoded {
            let field: Field =
                switch problem.path {
                case let path where path.hasPrefix("data.urls"): .urls
                case let path where path.hasPrefix("data.summary"): .summary
                case let path where path.hasPrefix("data.subjects"): .subjects
                case let path where path.hasPrefix("data.platform"): .platform
                case let path where path.hasPrefix("data.category"): .category
                case let path where path.hasPrefix("data.severity"): .severity
                default: .school
                }
            if problems[field] == nil {
                problems[field] = locale.text("Chưa hợp lệ: \(problem.reason).", "Not valid: \(problem.reason).")
            }
        }
        return problems
    }

    /// Whether `text` looks like an absolute http(s) link with a host and no whitespace.
    private static func isWebLink(_ text: String) -> Bool {
        guard
            !text.unicodeScalars.contains(where: {
                $0.properties.isWhitespace || $0.properties.generalCategory == .control
            })
        else { return false }
        let lower = text.lowercased()
        for scheme in ["https://", "http://"] where lower.hasPrefix(scheme) {
            let rest = lower.dropFirst(scheme.count)
            let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
            return !host.isEmpty
        }
        return false
    }
}

/// The problems of a report form, one message per field.
struct ReportFormProblems: Error, Sendable {
    private var messages: [ReportForm.Field: String] = [:]

    /// The message for `field`, if it has a problem.
    subscript(_ field: ReportForm.Field) -> String? {
        get { messages[field] }
        set { messages[field] = newValue }
    }

    /// Whether no field has a problem.
    var isEmpty: Bool { messages.isEmpty }

    /// The messages by field name (`urls`), as the page reads them.
    var byFieldName: [String: String] {
        Dictionary(uniqueKeysWithValues: messages.map { ($0.key.rawValue, $0.value) })
    }
}
