import Foundation
import HTTPTypes
import Testing
import WatchpostCore
import WatchpostStore

@testable import WatchpostAPI

/// `/overview/report`: the period report on the web over `ReportHistory` (November 2026 at two
/// schools of the Bình Sơn authority), for whom it is and what a bad date says. The API's clock
/// stands at the history's first directory sync (1 October 2026), so the page's default period is
/// September.
@Suite(.serialized, .timeLimit(.minutes(5)))
struct WebPeriodReportTests {
    private typealias H = ReportHistory
    static let november = "/overview/report?from=2026-11-01&to=2026-12-01"

    /// A running API over a database holding `ReportHistory`.
    static func withHistory(_ body: @escaping @Sendable (APITestHarness) async throws -> Void) async throws {
        try await APITestHarness.with(now: { H.at(days: -31) }) { api in
            try await H.seed(api.pool)
            try await body(api)
        }
    }

    static func get(_ api: APITestHarness, _ path: String, as officer: OfficerID) async throws -> APIResponse {
        let token = try await api.token(officer: officer, scopes: [.read])
        return try await api.request(.get, path, token: token, headers: [.accept: "text/html"])
    }

    @Test func authorityOfficerSeesTheFiguresOfTheirSchoolsInTheirRows() async throws {
        try await Self.withHistory { api in
            let response = try await Self.get(api, Self.november, as: "tp-vhxh-binh-son")
            #expect(response.status == .ok)
            let html = response.text
            // November: 4 incidents at THCS Bình Sơn, 1 at TH Bình Long; 5 in all against 2 in October.
            #expect(
                html.contains(
                    "<tr><th scope=\"row\">\(H.school)</th><td>Trường THCS Bình Sơn</td><td>THCS (lower secondary)</td><td class=\"number\">4</td>"
                )
            )
            #expect(html.contains("<tr><th scope=\"row\">\(H.otherSchool)</th>"))
            #expect(
                html.contains(
                    "<tr><th scope=\"row\">Tổng số (total)</th><td></td><td class=\"number\">5</td><td class=\"number\">2</td>"
                )
            )
            #expect(html.contains("<caption id=\"report-table-2\">Theo trường (by school)</caption>"))
            let text = WebHTML.text(html)
            #expect(
                text.contains("Kỳ báo cáo (period): từ 00 giờ 00 ngày 01/11/2026 đến trước 00 giờ 00 ngày 01/12/2026")
            )
            #expect(text.contains("Cơ quan quản lý (authority): \(H.authority)"))
            #expect(html.contains("<input type=\"date\" id=\"from\" name=\"from\" value=\"2026-11-01\""))
            #expect(!html.contains("<script") && !html.contains("style="))
        }
    }

    @Test func withoutADateThePageShowsTheLastFullMonth() async throws {
        try await Self.withHistory { api in
            let response = try await Self.get(api, "/overview/report", as: "tp-vhxh-binh-son")
            #expect(response.status == .ok)
            #expect(
                WebHTML.text(response.text).contains("từ 00 giờ 00 ngày 01/09/2026 đến trước 00 giờ 00 ngày 01/10/2026")
            )
            #expect(
                response.text.contains(
                    "href=\"/overview/report?from=2026-09-01&amp;to=2026-10-01\" aria-current=\"page\""
                )
            )
        }
    }

    @Test func anotherAuthorityOrAnotherSchoolsHeadNeverSeesBinhSonsFigures() async throws {
        try await Self.withHistory { api in
            // Asking for Bình Sơn by name changes nothing: the scope comes from who is asking.
            let widened = Self.november + "&authority=\(H.authority)&unit=\(H.school)"
            let otherAuthority = try await Self.get(api, widened, as: "tp-vhxh-binh-minh")
            #expect(otherAuthority.status == .ok)
            #expect(WebHTML.text(otherAuthority.text).contains("Cơ quan quản lý (authority): vhxh-xa-binh-minh"))
            #expect(!otherAuthority.text.contains(H.school))
            #expect(otherAuthority.text.contains("<caption id=\"report-table-2\">Theo trường (by school)</caption>"))
            #expect(otherAuthority.text.contains("Không có (none)"))

            let otherHead = try await Self.get(api, widened, as: H.otherHead)
            #expect(otherHead.status == .ok)
            #expect(WebHTML.text(otherHead.text).contains("Trường (school): \(H.otherSchool)"))
            #expect(otherHead.text.contains("<tr><th scope=\"row\">\(H.otherSchool)</th>"))
            #expect(!otherHead.text.contains(H.school))
        }
    }

    @Test func theCommuneCommitteeSeesItsOfficesReportAndTheDepartmentSeesEverySchool() async throws {
        try await Self.withHistory { api in
            let bySchool =
                "<tr><th scope=\"row\">\(H.school)</th><td>Trường THCS Bình Sơn</td><td>THCS (lower secondary)</td><td class=\"number\">4</td>"
            // The chair of Bình Sơn's committee receives its office's monthly report, and its link.
            let chair = try await Self.get(api, Self.november, as: "ct-ubnd-binh-son")
            #expect(chair.status == .ok)
            #expect(chair.text.contains(bySchool))
            #expect(WebHTML.text(chair.text).contains("Cơ quan quản lý (authority): \(H.authority)"))
            // Another commune's chair sees their own office's schools, never Bình Sơn's.
            let otherChair = try await Self.get(api, Self.november, as: "ct-ubnd-binh-minh")
            #expect(otherChair.status == .ok)
            #expect(!otherChair.text.contains(H.school))
            // The Department supervises the commune offices, so its report covers every school.
            let department = try await Self.get(api, Self.november, as: "pgd-so-gddt")
            #expect(department.status == .ok)
            #expect(department.text.contains(bySchool))
            #expect(!WebHTML.text(department.text).contains("Cơ quan quản lý (authority):"))
        }
    }

    @Test func officerWithoutAnAuthorityOrSchoolHeadRoleIsRefusedAndNobodySignedInIsSentToSignIn() async throws {
        try await Self.withHistory { api in
            let monitor = try await Self.get(api, Self.november, as: "gs-thcs-binh-son")
            #expect(monitor.status == .forbidden)
            #expect(WebHTML.text(monitor.text).contains("Báo cáo định kỳ dành cho cán bộ của cơ quan quản lý giáo dục"))
            #expect(!monitor.text.contains("<table"))

            let nobody = try await api.request(.get, Self.november, headers: [.accept: "text/html"])
            #expect(nobody.status == .seeOther)
            #expect(nobody.headers[.location]?.hasPrefix("/sign-in?next=") == true)
        }
    }

    @Test func malformedFromIsNamedInVietnameseNextToItsFieldAndEscaped() async throws {
        try await Self.withHistory { api in
            let response = try await Self.get(
                api,
                "/overview/report?from=%3Cscript%3E2026-13-01&to=2026-12-01",
                as: "tp-vhxh-binh-son"
            )
            #expect(response.status == .badRequest)
            let html = response.text
            #expect(
                html.contains(
                    "<span class=\"field-error\" id=\"from-error\">Ngày bắt đầu (from) không hợp lệ: cần dạng YYYY-MM-DD, ví dụ 2026-11-01.</span>"
                )
            )
            #expect(html.contains("role=\"alert\""))
            #expect(!html.contains("id=\"to-error\""))
            #expect(html.contains("value=\"&lt;script&gt;2026-13-01\""))
            #expect(!html.contains("<script") && !html.contains("<table"))
        }
    }

    /// Instants in Asia/Ho_Chi_Minh, and the periods the quick links offer then.
    static let quickPeriods: [(String, [String])] = [
        // A Thursday.
        (
            "2026-12-03T10:00:00+07:00",
            ["2026-11-01", "2026-12-01", "2026-12-01", "2027-01-01", "2026-11-23", "2026-11-30"]
        ),
        // A Monday just after midnight: last week ended a moment ago.
        (
            "2026-11-30T00:30:00+07:00",
            ["2026-10-01", "2026-11-01", "2026-11-01", "2026-12-01", "2026-11-23", "2026-11-30"]
        ),
        // A Sunday late in the evening (still Sunday in Vietnam, Sunday afternoon in UTC).
        (
            "2026-11-29T23:00:00+07:00",
            ["2026-10-01", "2026-11-01", "2026-11-01", "2026-12-01", "2026-11-16", "2026-11-23"]
        ),
        // January: last month is December of the year before.
        (
            "2026-01-15T08:00:00+07:00",
            ["2025-12-01", "2026-01-01", "2026-01-01", "2026-02-01", "2026-01-05", "2026-01-12"]
        ),
    ]

    @Test(arguments: quickPeriods)
    func quickPeriodsAreWholeMonthsAndMondayToMondayWeeksInVietnamTime(instant: String, days: [String]) throws {
        let now = try RFC3339.parse(instant).get()
        let periods = [ReportPeriod.lastMonth(before: now), .thisMonth(at: now), .lastWeek(before: now)]
        #expect(periods.flatMap { [$0.from, $0.to] } == days)
    }
}
