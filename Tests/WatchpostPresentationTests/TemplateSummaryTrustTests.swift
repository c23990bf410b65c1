import Foundation
import Testing
import WatchpostCore
import WatchpostNotify
import WatchpostPresentation

/// A tool's summary reaches an alert only when the policy trusts the tool (`trusted_tools`),
/// and any summary that does go out has its links hidden, the incident's own reported URLs
/// included (D14): anyone who can write to the broker can send a tool report, and an alert
/// must not carry their text or their link under Watchpost's name (issue 26, item 5).
struct TemplateSummaryTrustTests {
    typealias F = TemplateFixture

    static let phishing = "Phụ huynh cần xác minh tài khoản tại https://evil.example.com/login ngay hôm nay"

    /// The head's new-incident alert for a report of `summary` sent by `source`.
    static func context(summary: String, by source: EventSource, locale: DisplayLocale = .vi) throws -> AlertContext {
        var event = F.report(.schoolViolence, severity: .high, summary: summary)
        event.source = source
        let scenario = try TemplateScenario(event)
        let alert = try #require(scenario.alerts.first { $0.recipient == F.head })
        return try scenario.context(alert, locale: locale, now: F.t0)
    }

    static func payloadSummary(_ renderer: AlertRenderer, _ context: AlertContext) throws -> String? {
        let json = try #require(try JSONSerialization.jsonObject(with: renderer.payload(context)) as? [String: Any])
        return (json["incident"] as? [String: Any])?["summary"] as? String
    }

    @Test(arguments: DisplayLocale.allCases)
    func anAlertForAnUntrustedToolsReportStatesTheFactsInsteadOfTheToolsSummary(locale: DisplayLocale) throws {
        let context = try Self.context(
            summary: Self.phishing,
            by: EventSource(kind: .tool, id: "kcat"),
            locale: locale
        )
        var renderer = try F.renderer()
        renderer.trustedTools = ["fb-crawler"]
        let message = renderer.render(context)
        let expected =
            locale == .vi
            ? "- Tóm tắt: Bạo lực học đường, mức cao, trên Facebook, liên quan đến \(context.school.name) "
                + "(báo cáo của công cụ theo dõi; nội dung chi tiết xem trên Watchpost)."
            : "- Summary: School violence, severity high, on Facebook, concerning \(context.school.name) "
                + "(reported by a monitoring tool; see the details on Watchpost)."
        #expect(message.body.contains(expected), "\(message.body)")
        #expect(message.body.contains(locale == .vi ? "công cụ theo dõi" : "monitoring tool"))
        for text in [
            message.subject, message.body, renderer.smsText(context), try Self.payloadSummary(renderer, context) ?? "",
        ] {
            #expect(!text.contains("xác minh tài khoản") && !text.contains("evil.example.com"), "\(text)")
        }
        #expect(try Self.payloadSummary(renderer, context) == renderer.summaryText(context))
        if locale == .vi {
            #expect(try Glossary.load().violations(in: message.body).isEmpty)
        }
    }

    @Test func aTrustedToolsSummaryGoesOutWithItsForeignLinksHidden() throws {
        let context = try Self.context(
            summary: Self.phishing + " (hoặc bit.ly/abc123).",
            by: EventSource(kind: .tool, id: "fb-crawler")
        )
        var renderer = try F.renderer()
        renderer.trustedTools = ["fb-crawler"]
        let expected =
            "Phụ huynh cần xác minh tài khoản tại [liên kết đã ẩn] ngay hôm nay (hoặc [liên kết đã ẩn])."
        #expect(renderer.summaryText(context) == expected)
        #expect(renderer.body(context).contains("- Tóm tắt: \(expected)"))
        #expect(try Self.payloadSummary(renderer, context) == expected)

        let english = try Self.context(
            summary: "Verify at www.evil.example.com now",
            by: EventSource(kind: .tool, id: "fb-crawler"),
            locale: .en
        )
        #expect(renderer.summaryText(english) == "Verify at [link hidden] now")
    }

    @Test func theIncidentsOwnReportedURLIsHiddenInTheSummaryToo() throws {
        let context = try Self.context(summary: "Bài đăng \(F.contentURL) xúc phạm giáo viên", by: F.officer(F.monitor))
        #expect(context.incident.urls == [F.contentURL])
        let renderer = try F.renderer()
        #expect(renderer.summaryText(context) == "Bài đăng [liên kết đã ẩn] xúc phạm giáo viên")
        #expect(!renderer.render(context).body.contains("facebook.com"))
    }

    @Test(arguments: [
        ("Xem evil[.]com/x ngay", "Xem [liên kết đã ẩn] ngay"),
        ("Xem evil\u{200B}.com", "Xem [liên kết đã ẩn]"),
        ("Gửi về lienhe@evil.vn.", "Gửi về [liên kết đã ẩn]."),
        ("Vào 203.0.113.7/login", "Vào [liên kết đã ẩn]"),
        ("Trường ở TP.HCM, học sinh lớp 7A, v.v.", "Trường ở TP.HCM, học sinh lớp 7A, v.v."),
        ("Mức 2.5 điểm; Q.1", "Mức 2.5 điểm; Q.1"),
    ])
    func anOfficersSummaryLosesLinkLikeWordsAndKeepsAbbreviations(summary: String, expected: String) throws {
        let context = try Self.context(summary: summary, by: F.officer(F.monitor))
        #expect(try F.renderer().summaryText(context) == expected)
    }

    @Test func aToolsSummaryChangedByAnUpdateIsNotQuotedEither() throws {
        var event = F.report(.schoolViolence, severity: .high)
        event.source = EventSource(kind: .tool, id: "kcat")
        var scenario = try TemplateScenario(event)
        try scenario.apply(
            F.event(
                .updated(IncidentUpdated(summary: "Cập nhật: xem tại zalo.me/g/abc")),
                by: EventSource(kind: .tool, id: "kcat"),
                id: 200,
                at: F.minutes(5)
            ),
            at: F.minutes(5)
        )
        let alert = try #require(scenario.alerts.first { $0.recipient == F.head })
        let context = try scenario.context(alert, now: F.minutes(5))
        let summary = try F.renderer().summaryText(context)
        #expect(!summary.contains("Cập nhật"), "\(summary)")
        #expect(summary.contains("công cụ theo dõi"))
    }
}
