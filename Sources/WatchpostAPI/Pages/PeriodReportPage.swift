import Foundation
import Hummingbird
import WatchpostCore
import WatchpostPresentation
import WatchpostStore

/// `/overview/report?from=YYYY-MM-DD&to=YYYY-MM-DD`: the period report of `watchpost report`
/// on the web, for the officer's own education authority or, for a head of school, their own
/// school; the last full calendar month when no period is given. A bad date shows the form
/// again with the problem next to its field (400).
enum PeriodReportPage {
    /// The page's path.
    static let path = "/overview/report"

    static func show(_ request: Request, _ context: APIRequestContext, _ environment: APIEnvironment) async throws
        -> Response
    {
        let caller = try PageCaller.require(.read, request, context, environment)
        guard let unit = PageScope.reportUnit(for: caller.officer, in: environment.directory) else {
            throw APIError.forbidden(
                code: .periodReportNotAllowed,
                "the period report is for the staff of an education authority, the leaders of the People's "
                    + "Committee it reports to, and heads of school",
                vi: "Báo cáo định kỳ dành cho cán bộ của cơ quan quản lý giáo dục, lãnh đạo Ủy ban nhân dân "
                    + "nhận báo cáo và hiệu trưởng các trường."
            )
        }
        let now = environment.now()
        let query = request.uri.queryParameters
        let period = ReportPeriod(
            from: query.get("from").map { String($0) },
            to: query.get("to").map { String($0) },
            fallback: .lastMonth(before: now)
        )
        let locale = caller.locale
        let periods = Self.periods(now: now, current: period, locale: locale)
        let title = Labels.label("layout", "periodReport")(locale)
        switch period.interval(locale: locale) {
        case .failure(let problems):
            let view = PeriodReportPageView(
                fromProblem: problems.from,
                toProblem: problems.to,
                from: period.from,
                to: period.to,
                periods: periods,
                action: path,
                locale: locale
            )
            return caller.page(title, path: path, status: .badRequest, template: "period-report", view).response()
        case .success(let interval):
            let scope =
                switch unit {
                case .authority(let id): ReportScope(from: interval.from, to: interval.to, authorityID: id)
                case .school(let id): ReportScope(from: interval.from, to: interval.to, unitID: id)
                case .everySchool: ReportScope(from: interval.from, to: interval.to)
                }
            let report: PeriodReport
            do {
                report = try await PeriodReport.read(from: environment.pool, scope: scope, now: now)
            } catch {
                throw APIError.databaseUnavailable(error, environment: environment)
            }
            let view = PeriodReportPageView(
                report: report,
                from: period.from,
                to: period.to,
                periods: periods,
                action: path,
                locale: locale
            )
            return caller.page(title, path: path, template: "period-report", view).response()
        }
    }

    /// The quick choices of period at `now` (last month, this month, last week), for this page
    /// and the overview; the one equal to `current` is marked as the page shown.
    static func periods(now: Date, current: ReportPeriod?, locale: DisplayLocale) -> PeriodReportChoicesView {
        let choices: [(PeriodReportChoicesView.Choice, ReportPeriod)] = [
            (.lastMonth, .lastMonth(before: now)),
            (.thisMonth, .thisMonth(at: now)),
            (.lastWeek, .lastWeek(before: now)),
        ]
        return PeriodReportChoicesView(
            choices.map { (choice: $0.0, path: $0.1.path, current: $0.1 == current) },
            locale: locale
        )
    }
}
