import Foundation
import Testing
import WatchpostCore
import WatchpostNotify
import WatchpostPresentation

/// People involved appear as roles only; free text other than the incident's summary never
/// reaches a message (Law 91/2025/QH15, Article 24).
struct TemplatePrivacyTests {
    typealias F = TemplateFixture

    @Test(arguments: DisplayLocale.allCases)
    func peopleInvolvedRenderAsRolesOnly(locale: DisplayLocale) throws {
        let scenario = try TemplateScenario(
            F.report(.falseInformation, severity: .medium, subjects: [.student, .teacher, .staff, .manager])
        )
        let alert = try #require(scenario.alerts.first { $0.recipient == F.head })
        let context = try scenario.context(alert, locale: locale, now: F.t0)
        let renderer = try F.renderer()
        let body = renderer.body(context)
        let expected =
            locale == .vi
            ? "- Người liên quan: học sinh, giáo viên, nhân viên, cán bộ quản lý"
            : "- People involved: student, teacher, staff member, manager"
        #expect(body.contains(expected), "\(body)")

        let json = try #require(
            try JSONSerialization.jsonObject(with: renderer.payload(context)) as? [String: Any]
        )
        let incident = try #require(json["incident"] as? [String: Any])
        #expect(incident["subjects"] as? [String] == ["student", "teacher", "staff", "manager"])
    }

    @Test func duplicateReportsFreeTextAndContentLinksNeverReachTheMessage() throws {
        var scenario = try TemplateScenario(F.report(.schoolViolence, severity: .high))
        let open = try #require(scenario.incident)
        let duplicateURL = "https://www.facebook.com/nguyen.van.an.2012/posts/42"
        var duplicate = F.report(
            .schoolViolence,
            severity: .high,
            summary: "Em Nguyễn Văn An lớp 7A bị đánh",
            event: 101
        )
        duplicate.incidentID = F.uuid(2)
        if case .reported(var report) = duplicate.payload {
            report.urls = [duplicateURL]
            duplicate.payload = .reported(report)
        }
        let decision = try scenario.apply(duplicate, at: F.minutes(30), duplicateOf: open)
        #expect(decision.evidenceAttached != nil)
        let state = try #require(scenario.incident)
        #expect(state.evidence.count == 2)

        let alert = Alert(
            id: F.uuid(901),
            incidentID: state.id,
            eventID: F.uuid(101),
            recipient: F.head,
            relation: .schoolHead,
            template: .evidenceAttached,
            reason: "test",
            obligationID: nil,
            createdAt: F.minutes(30)
        )
        let context = try scenario.context(alert, now: F.minutes(30))
        let renderer = try F.renderer()
        let message = renderer.render(context)
        let sms = renderer.smsText(context)
        let payload = String(decoding: try #require(message.payload), as: UTF8.self)
        #expect(message.body.contains("(tổng cộng 2 báo cáo)"))
        #expect(message.body.contains("- Số báo cáo: 2"))
        for text in [message.subject, message.body, sms, payload] {
            #expect(!text.contains("Nguyễn Văn An") && !text.contains("Nguyen Van An"))
            #expect(!text.contains("nguyen.van.an") && !text.contains(F.contentURL))
        }
    }
}
