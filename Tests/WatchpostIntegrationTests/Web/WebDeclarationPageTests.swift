import Foundation
import HTTPTypes
import Postgres
import Testing
import WatchpostCore

@testable import WatchpostAPI

/// "Lịch vắng mặt" and "Lịch nghỉ đột xuất" (issue 29): a principal records their own leave from
/// a phone, names the deputy, sees it in force and withdraws it; a form with mistakes says what to
/// fix, in Vietnamese, next to each field, and records nothing; the authority's desk closes a
/// school, which a principal may not.
@Suite(.serialized, .timeLimit(.minutes(5)))
struct WebDeclarationPageTests {
    static let deputy = "pht-thcs-binh-son"

    static func post(_ api: APITestHarness, _ path: String, token: String, _ fields: [(String, String)]) async throws
        -> APIResponse
    {
        try await api.request(
            .post,
            path,
            token: token,
            body: Array(WebHTML.formEncoded(fields).utf8),
            contentType: WebPageTests.form
        )
    }

    static func absences(_ api: APITestHarness) async throws -> [(delegate: String?, inForce: Bool)] {
        try await api.environment.pool.withConnection { connection in
            try await connection.query(
                "SELECT delegate_id, withdrawn_at IS NULL FROM declarations WHERE officer_id = \(WebScenario.principal)"
            ).map { (try $0.decode(String?.self, at: 0), try $0.decode(Bool.self, at: 1)) }
        }
    }

    @Test func aPrincipalRecordsLeaveWithTheDeputyAndWithdrawsIt() async throws {
        try await APITestHarness.with { api in
            let token = try await api.token(officer: WebScenario.principal, scopes: [.read, .act])
            let page = try await api.request(.get, "/absences", token: token)
            #expect(page.status == .ok)
            #expect(WebHTML.text(page.text).contains("Chưa có lịch vắng mặt nào."))
            #expect(page.text.contains("<option value=\"\(Self.deputy)\">"), "the deputy may stand in")
            #expect(!page.text.contains("<option value=\"\(WebScenario.principal)\">"), "not oneself")

            let today = CivilDay(api.environment.now())
            let saved = try await Self.post(
                api,
                "/absences",
                token: token,
                [
                    ("first_day", today.adding(days: 1).description), ("last_day", today.adding(days: 3).description),
                    ("delegate", Self.deputy), ("reason", "Nghỉ phép năm"),
                ]
            )
            #expect(saved.status == .seeOther, "\(saved.text)")
            #expect(saved.headers[.location] == "/absences?done=saved")
            #expect(try await Self.absences(api).map(\.delegate) == [Self.deputy])

            let shown = try await api.request(.get, "/absences?done=saved", token: token)
            let text = WebHTML.text(shown.text)
            #expect(text.contains("Đã ghi lịch vắng mặt."))
            #expect(text.contains("Đang áp dụng"))
            #expect(text.contains("Nghỉ phép năm"))
            #expect(text.contains("Võ Thị Hồng Diễm"), "the deputy by name")
            let id = try #require(
                shown.text.range(of: #"/absences/[0-9a-f-]{36}/withdraw"#, options: .regularExpression).map {
                    String(shown.text[$0])
                }
            )

            let withdrawn = try await Self.post(api, id, token: token, [])
            #expect(withdrawn.status == .seeOther)
            #expect(try await Self.absences(api).map(\.inForce) == [false])
            #expect(WebHTML.text(try await api.request(.get, "/absences", token: token).text).contains("Đã hủy"))
        }
    }

    @Test func aFormWithMistakesSaysWhatToFixNextToEachFieldAndRecordsNothing() async throws {
        try await APITestHarness.with { api in
            let token = try await api.token(officer: WebScenario.principal, scopes: [.read, .act])
            let today = CivilDay(api.environment.now())
            let response = try await Self.post(
                api,
                "/absences",
                token: token,
                [
                    ("first_day", today.adding(days: 5).description), ("last_day", today.adding(days: 2).description),
                    ("delegate", "cv-vhxh-binh-son"), ("reason", "   "),
                ]
            )
            #expect(response.status == .badRequest)
            let html = response.text
            #expect(html.contains("id=\"last_day-error\">Đề nghị chọn ngày kết thúc"))
            #expect(html.contains("id=\"reason-error\">Đề nghị ghi lý do, tối đa 200 ký tự.</span>"))
            #expect(!html.contains("id=\"first_day-error\""))
            #expect(html.contains("value=\"\(today.adding(days: 5).description)\""), "what was typed stays")
            #expect(try await Self.absences(api).isEmpty)

            // A delegate from another unit is refused once the days are right.
            let foreign = try await Self.post(
                api,
                "/absences",
                token: token,
                [
                    ("first_day", today.adding(days: 1).description), ("last_day", today.adding(days: 2).description),
                    ("delegate", "cv-vhxh-binh-son"), ("reason", "Công tác"),
                ]
            )
            #expect(foreign.status == .badRequest)
            #expect(foreign.text.contains("id=\"delegate-error\">Người được giao thay phải là cán bộ khác"))
            #expect(try await Self.absences(api).isEmpty)
        }
    }

    @Test func theAuthoritysDeskClosesASchoolAndAPrincipalMayNot() async throws {
        try await APITestHarness.with { api in
            let desk = try await api.token(officer: WebScenario.monitor, scopes: [.read, .act])
            let page = try await api.request(.get, "/closures", token: desk)
            #expect(page.status == .ok)
            #expect(page.text.contains("<option value=\"\(WebScenario.school)\">Trường THCS Bình Sơn</option>"))
            #expect(!page.text.contains("<option value=\"thcs-pho-phong\">"), "another authority's school")

            let today = CivilDay(api.environment.now())
            let saved = try await Self.post(
                api,
                "/closures",
                token: desk,
                [
                    ("first_day", today.adding(days: 1).description), ("last_day", today.adding(days: 2).description),
                    ("unit", WebScenario.school), ("reason", "Bão số 15"),
                ]
            )
            #expect(saved.status == .seeOther, "\(saved.text)")
            let closures = try await api.environment.pool.withConnection { connection in
                try await connection.query(
                    "SELECT unit_id, reason FROM declarations WHERE kind = 'closure'"
                ).map { (try $0.decode(String.self, at: 0), try $0.decode(String.self, at: 1)) }
            }
            #expect(closures.map(\.0) == [WebScenario.school])
            #expect(closures.map(\.1) == ["Bão số 15"])
            let shown = WebHTML.text(try await api.request(.get, "/closures?done=saved", token: desk).text)
            #expect(shown.contains("Đã ghi lịch nghỉ đột xuất."))
            #expect(shown.contains("Đơn vị nghỉ: Trường THCS Bình Sơn"))

            // Without a unit the form says so; a principal has no closures page.
            let noUnit = try await Self.post(
                api,
                "/closures",
                token: desk,
                [
                    ("first_day", today.adding(days: 1).description), ("last_day", today.adding(days: 2).description),
                    ("reason", "Bão"),
                ]
            )
            #expect(noUnit.status == .badRequest)
            #expect(noUnit.text.contains("id=\"unit-error\">Đề nghị chọn đơn vị nghỉ.</span>"))
            let principal = try await api.token(officer: WebScenario.principal, scopes: [.read, .act])
            #expect(try await api.request(.get, "/closures", token: principal).status == .forbidden)
        }
    }

    @Test func theAuthoritysDeskNamesTheOfficerOnDutyFromItsOwnStaff() async throws {
        try await APITestHarness.with { api in
            let desk = try await api.token(officer: WebScenario.monitor, scopes: [.read, .act])
            let page = try await api.request(.get, "/duty", token: desk)
            #expect(page.status == .ok)
            #expect(page.text.contains("<option value=\"tp-vhxh-binh-son\">"), "the authority's head of office")
            #expect(!page.text.contains("<option value=\"\(WebScenario.principal)\">"), "a school's head is not")

            let today = CivilDay(api.environment.now())
            let saved = try await Self.post(
                api,
                "/duty",
                token: desk,
                [
                    ("first_day", today.adding(days: 1).description), ("last_day", today.adding(days: 1).description),
                    ("officer", "tp-vhxh-binh-son"), ("reason", "Trực cuối tuần"),
                ]
            )
            #expect(saved.status == .seeOther, "\(saved.text)")
            let rows = try await api.environment.pool.withConnection { connection in
                try await connection.query(
                    "SELECT unit_id, officer_id FROM declarations WHERE kind = 'duty'"
                ).map { (try $0.decode(String.self, at: 0), try $0.decode(String.self, at: 1)) }
            }
            #expect(rows.map(\.0) == ["vhxh-xa-binh-son"])
            #expect(rows.map(\.1) == ["tp-vhxh-binh-son"])

            let foreign = try await Self.post(
                api,
                "/duty",
                token: desk,
                [
                    ("first_day", today.adding(days: 2).description), ("last_day", today.adding(days: 2).description),
                    ("officer", WebScenario.principal), ("reason", "Trực"),
                ]
            )
            #expect(foreign.status == .badRequest)
            #expect(foreign.text.contains("id=\"officer-error\">Đề nghị chọn cán bộ của cơ quan quản lý"))
            let principal = try await api.token(officer: WebScenario.principal, scopes: [.read, .act])
            #expect(try await api.request(.get, "/duty", token: principal).status == .forbidden)
        }
    }
}
