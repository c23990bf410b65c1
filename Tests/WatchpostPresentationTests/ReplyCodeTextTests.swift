import Foundation
import Testing
import WatchpostCore
import WatchpostNotify
import WatchpostPresentation

/// Texts carry a reply code only when the deployment reads answers, and it survives fitting;
/// every answer to a text fits two segments in both languages.
@Suite struct ReplyCodeTextTests {
    typealias F = TemplateFixture

    @Test func aTextCarriesItsDeliverysReplyCodeBeforeTheLinkWhenRepliesAreRead() throws {
        let scenario = try TemplateScenario(F.report(.schoolViolence, severity: .high))
        let alert = try #require(scenario.alerts.first { $0.recipient == F.head })
        let context = try scenario.context(alert, now: F.t0)
        var renderer = try F.renderer()
        #expect(renderer.replyCode(context) == nil)
        let plain = renderer.smsText(context)
        #expect(!plain.contains("trả lời") && !plain.contains("tra loi"))

        renderer.smsReplies = true
        let code = try #require(renderer.replyCode(context))
        #expect(code == (try F.signer()).replyCode(delivery: try #require(UUID(uuidString: context.idempotencyKey))))
        let text = renderer.smsText(context)
        let plainText = SMSText.unaccented(text)
        #expect(plainText.contains("tra loi 1 \(code), hoac mo https://"), "\(text)")
        #expect(SMSText.segmentCount(text) <= renderer.smsMaxSegments)
    }

    @Test func aResolvedIncidentsTextHasNoReplyCode() throws {
        var scenario = try TemplateScenario(F.report(.schoolViolence, severity: .high))
        let decision = try scenario.apply(
            F.event(.resolved(IncidentResolved(note: "Đã xử lý")), by: F.officer(F.head), id: 90, at: F.minutes(30)),
            at: F.minutes(30)
        )
        let alert = try #require(decision.alerts.first)
        var renderer = try F.renderer()
        renderer.smsReplies = true
        #expect(renderer.replyCode(try scenario.context(alert, now: F.minutes(30))) == nil)
    }

    @Test(arguments: ReplyOutcome.allCases)
    func everyAnswerFitsTwoSegmentsInBothLanguages(outcome: ReplyOutcome) {
        for locale in DisplayLocale.allCases {
            let text = ReplyAnswer.text(outcome, code: "482913", school: "Trường THCS Bình Sơn", locale: locale)
            #expect(SMSText.segmentCount(text) <= 2, "\(outcome) \(locale): \(text)")
            #expect(text.hasPrefix("Watchpost: "))
            if outcome == .unknownCode { #expect(text.contains("482913")) }
        }
    }
}
