import Foundation
import HTTPTypes
import Testing
import WatchpostCore
import WatchpostPresentation
import WatchpostStore

@testable import WatchpostAPI

/// The pages' answers that need no worker: where nobody is signed in, what a refusal says,
/// how the report form reports its problems, what an incident page shows and logs.
@Suite(.serialized, .timeLimit(.minutes(5)))
struct WebPageTests {
    static let form = "application/x-www-form-urlencoded"

    @Test func pageWithoutSignInRedirectsToTheSignInPage() async throws {
        try await APITestHarness.with { api in
            for path in ["/me", "/report", "/overview", "/incidents/\(UUID().canonicalString)"] {
                let response = try await api.request(.get, path, headers: [.accept: "text/html"])
                #expect(response.status == .seeOther, "\(path)")
                #expect(response.headers[.location]?.hasPrefix("/sign-in?next=") == true, "\(path)")
            }
        }
    }

    @Test func overviewRefusesAPrincipalWithA403PageSayingWhy() async throws {
        try await APITestHarness.with { api in
            let token = try await api.token(officer: WebScenario.principal, scopes: [.read])
            let response = try await api.request(.get, "/overview", token: token)
            #expect(response.status == .forbidden)
            #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
            let text = WebHTML.text(response.text)
            #expect(text.contains("Không có quyền truy cập"))
            #expect(text.contains("Trang tổng quan dành cho cán bộ của cơ quan quản lý giáo dục"))
        }
    }

    @Test func reportFormShowsEachProblemInVietnameseNextToItsFieldAndPublishesNothing() async throws {
        try await APITestHarness.with { api in
            let token = try await api.token(officer: WebScenario.monitor, scopes: [.report, .read])
            let body = WebHTML.formEncoded([
                ("school", WebScenario.school), ("urls", "not a link"), ("summary", "  "), ("severity", "medium"),
            ])
            let response = try await api.request(
                .post,
                "/report",
                token: token,
                body: Array(body.utf8),
                contentType: Self.form
            )
            #expect(response.status == .badRequest)
            let html = response.text
            #expect(html.contains("<span class=\"field-error\" id=\"platform-error\">Đề nghị chọn mạng xã hội.</span>"))
            #expect(html.contains("id=\"urls-error\">Đường dẫn ở dòng 1 không hợp lệ"))
            #expect(html.contains("id=\"category-error\">Đề nghị chọn loại sự việc.</span>"))
            #expect(html.contains("id=\"summary-error\">Đề nghị mô tả ngắn gọn sự việc.</span>"))
            #expect(html.contains("aria-describedby=\"urls-hint urls-error\" aria-invalid=\"true\""))
            #expect(!html.contains("id=\"severity-error\""))
            // What was typed stays in the form.
            #expect(html.contains(">not a link</textarea>"))
            #expect(try await api.produced().isEmpty)
        }
    }

    @Test func reportFromTheFormIsPublishedSignedForTheOfficer() async throws {
        try await APITestHarness.with { api in
            let token = try await api.token(officer: WebScenario.monitor, scopes: [.report, .read])
            let body = WebHTML.formEncoded([
                ("school", WebScenario.school), ("platform", "zalo"),
                ("urls", "https://zalo.me/g/example\n\nhttps://zalo.me/g/other"),
                ("category", "false_information"), ("severity", "high"), ("subjects", "student"),
                ("subjects", "teacher"),
                ("summary", "Tin nhắn sai sự thật về việc nghỉ học."),
            ])
            let response = try await api.request(
                .post,
                "/report",
                token: token,
                body: Array(body.utf8),
                contentType: Self.form
            )
            #expect(response.status == .seeOther)
            let location = try #require(response.headers[.location])
            #expect(location.hasPrefix("/report?sent="))
            let produced = try await api.produced()
            #expect(produced.count == 1)
            let event = try #require(
                produced.first.flatMap { try? EventDecoder(knownUnit: { _ in true }).decode($0.value).get() }
            )
            #expect(event.source == EventSource(kind: .officer, id: WebScenario.monitor))
            #expect(event.unitID == WebScenario.school)
            guard case .reported(let report) = event.payload else { Issue.record("not a report"); return }
            #expect(report.urls == ["https://zalo.me/g/example", "https://zalo.me/g/other"])
            #expect(report.subjects == [.student, .teacher])
            #expect(location == "/report?sent=\(event.incidentID.canonicalString)")
        }
    }

    @Test func incidentPageShowsObligationsWithLegalBasisAndLogsTheViewOfAChildsIncident() async throws {
        try await APITestHarness.with { api in
            let incident = try await Self.seedReport(api, school: WebScenario.school, subjects: [.student])
            let token = try await api.token(officer: WebScenario.principal, scopes: [.read, .act])
            let response = try await api.request(.get, "/incidents/\(incident.canonicalString)", token: token)
            #expect(response.status == .ok)
            let text = WebHTML.text(response.text)
            #expect(text.contains("Xác nhận đã nhận thông tin"))
            #expect(text.contains("Căn cứ: Công văn PGDĐT Bình Sơn (2024)"))
            #expect(text.contains("https://www.facebook.com/example/posts/1"))
            #expect(text.contains("mỗi lần xem trang này đều được ghi lại"))
            #expect(response.text.contains("action=\"/incidents/\(incident.canonicalString)/acknowledge\""))
            #expect(response.text.contains("<option value=\"content_removed\">Đã gỡ bỏ nội dung</option>"))
            #expect(!response.text.contains("<script"))
            #expect(!response.text.contains("style="))
            let views = try await IncidentViews(pool: api.pool).views(of: incident)
            #expect(views.map(\.viewer) == ["officer:\(WebScenario.principal)"])
            #expect(views.map(\.route) == [IncidentPage.viewRoute])
        }
    }

    @Test func incidentOfAnotherSchoolIsRefusedWithA403Page() async throws {
        try await APITestHarness.with { api in
            let incident = try await Self.seedReport(api, school: "th-binh-long", subjects: [.teacher])
            let token = try await api.token(officer: WebScenario.principal, scopes: [.read, .act])
            let response = try await api.request(.get, "/incidents/\(incident.canonicalString)", token: token)
            #expect(response.status == .forbidden)
            #expect(!response.text.contains("https://www.facebook.com/example/posts/1"))
            #expect(WebHTML.text(response.text).contains("Không có quyền truy cập"))
        }
    }

    @Test func actionFormWithoutTheSessionsCSRFTokenIsRefused() async throws {
        try await APITestHarness.with { api in
            let incident = try await Self.seedReport(api, school: WebScenario.school, subjects: [.teacher])
            let token = try await api.token(officer: WebScenario.principal, scopes: [.read, .act])
            // A token caller needs no CSRF token, but a form from another site is refused.
            let response = try await api.request(
                .post,
                "/incidents/\(incident.canonicalString)/acknowledge",
                token: token,
                body: Array("note=x".utf8),
                contentType: Self.form,
                headers: [.origin: "https://evil.example"]
            )
            #expect(response.status == .forbidden)
            #expect(WebHTML.text(response.text).contains("Biểu mẫu được gửi từ một trang khác"))
            #expect(try await api.produced().isEmpty)
        }
    }

    @Test func stylesheetIsServedFromStatic() async throws {
        try await APITestHarness.with { api in
            let response = try await api.request(.get, "/static/watchpost.css")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/css; charset=utf-8")
            #expect(response.text.contains(".card"))
        }
    }

    /// Seconds until a deadline, and how the pages say it.
    static let timesLeft: [(Double, String)] = [
        (7_500, "Còn 2 giờ 5 phút"),
        (5_400, "Còn 1 giờ 30 phút"),
        (-2_100, "Quá hạn 35 phút"),
        (262_800, "Còn 3 ngày 1 giờ"),
    ]

    @Test(arguments: timesLeft)
    func timeLeftIsWrittenInVietnameseAndOverdueIsMarked(seconds: Double, text: String) {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let due = now.addingTimeInterval(seconds)
        #expect(PageTime.timeLeft(dueAt: due, now: now, locale: .vi) == text)
        let expected = seconds <= 0 ? "overdue" : seconds < 7_200 ? "soon" : "later"
        #expect(PageTime.urgency(dueAt: due, now: now).rawValue == expected)
    }

    /// Applies a report by the sample monitor to the database, as a worker would.
    static func seedReport(_ api: APITestHarness, school: UnitID, subjects: [SubjectRole]) async throws -> UUID {
        let incident = UUID()
        try await api.seed([
            Event(
                eventID: UUID(),
                incidentID: incident,
                occurredAt: Date(),
                source: EventSource(kind: .officer, id: WebScenario.monitor),
                unitID: school,
                payload: .reported(
                    IncidentReported(
                        platform: .facebook,
                        urls: ["https://www.facebook.com/example/posts/1"],
                        category: .falseInformation,
                        severity: .medium,
                        subjects: subjects,
                        summary: "Bài đăng sai sự thật.",
                        dedupKey: "https://www.facebook.com/example/posts/1"
                    )
                )
            )
        ])
        return incident
    }
}
