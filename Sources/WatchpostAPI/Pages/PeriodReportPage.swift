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
        let sections = PeriodReportSections(locale: caller.locale, period: period, now: now)
        let title = caller.locale.text("Báo cáo định kỳ", "Periodic report")
        switch period.interval(locale: caller.locale) {
        case .failure(let problems):
            return caller.page(title, path: path, status: .badRequest, sections.body(problems: problems)).response()
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
            return caller.page(title, path: path, sections.body(report: report)).response()
        }
    }
}
