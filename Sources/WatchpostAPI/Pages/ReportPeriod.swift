import Foundation
import WatchpostCore
import WatchpostPresentation
import WatchpostStore

/// The period of the web period report: whole days in Asia/Ho_Chi_Minh from the start of `from`
/// to the start of `to` (excluded), written `YYYY-MM-DD` as `watchpost report --from --to` and a
/// date input take them, with the usual choices (last month, this month, last week).
struct ReportPeriod: Sendable, Hashable {
    /// The first day, as typed.
    var from: String
    /// The first day after the period, as typed.
    var to: String

    /// The longest period the page reads, so one request cannot make the database read years.
    static let maxDays = 366

    /// The last full calendar month before `now`.
    static func lastMonth(before now: Date) -> ReportPeriod {
        let month = ReportCadence.monthly.lastCompletedPeriod(at: now)
        return ReportPeriod(start: month.from, end: month.to)
    }

    /// The calendar month of `now`, to its end.
    static func thisMonth(at now: Date) -> ReportPeriod {
        let start = ReportCadence.monthly.lastCompletedPeriod(at: now).to
        return ReportPeriod(start: start, end: LocalTime.calendar.date(byAdding: .month, value: 1, to: start) ?? start)
    }

    /// The full week, Monday to Sunday, before the week of `now`.
    static func lastWeek(before now: Date) -> ReportPeriod {
        let week = ReportCadence.weekly.lastCompletedPeriod(at: now)
        return ReportPeriod(start: week.from, end: week.to)
    }

    /// The period the query asks for; a missing or empty `from` or `to` takes `fallback`'s.
    init(from: String?, to: String?, fallback: ReportPeriod) {
        let typed = { (text: String?) in text?.trimmingCharacters(in: .whitespaces) }
        self.from = typed(from).flatMap { $0.isEmpty ? nil : $0 } ?? fallback.from
        self.to = typed(to).flatMap { $0.isEmpty ? nil : $0 } ?? fallback.to
    }

    private init(start: Date, end: Date) {
        from = ReportScope.localDayText(start)
        to = ReportScope.localDayText(end)
    }

    /// The period's first instant and the first instant after it, or what is wrong with each
    /// field, in `locale`.
    func interval(locale: DisplayLocale) -> Result<(from: Date, to: Date), ReportPeriodProblems> {
        var problems = ReportPeriodProblems()
        let example = locale.text("cần dạng YYYY-MM-DD, ví dụ 2026-11-01", "write it as YYYY-MM-DD, e.g. 2026-11-01")
        let start = ReportScope.localDay(from)
        let end = ReportScope.localDay(to)
        if start == nil {
            problems.from = locale.text(
                "Ngày bắt đầu (from) không hợp lệ: \(example).",
                "The start date (from) is not valid: \(example)."
            )
        }
        if end == nil {
            problems.to = locale.text(
                "Ngày kết thúc (to) không hợp lệ: \(example).",
                "The end date (to) is not valid: \(example)."
            )
        }
        guard let start, let end else { return .failure(problems) }
        if end <= start {
            problems.to = locale.text(
                "Ngày kết thúc (to) phải sau ngày bắt đầu (from).",
                "The end date (to) must be after the start date (from)."
            )
        } else if end.timeIntervalSince(start) > Double(Self.maxDays) * 86_400 {
            problems.to = locale.text(
                "Kỳ báo cáo dài tối đa \(Self.maxDays) ngày; đề nghị chọn ngày kết thúc (to) sớm hơn.",
                "A period is at most \(Self.maxDays) days; choose an earlier end date (to)."
            )
        }
        return problems.isEmpty ? .success((start, end)) : .failure(problems)
    }

    /// The page's address for this period.
    var path: String { "\(PeriodReportPage.path)?from=\(from)&to=\(to)" }

}

/// What is wrong with each field of the period form.
struct ReportPeriodProblems: Error, Sendable {
    /// The problem with `from`.
    var from: String?
    /// The problem with `to`.
    var to: String?

    /// Whether both fields are fine.
    var isEmpty: Bool { from == nil && to == nil }
}
