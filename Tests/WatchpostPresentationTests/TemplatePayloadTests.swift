import Foundation
import Testing
import WatchpostCore
import WatchpostNotify
import WatchpostPresentation

/// The webhook JSON and the SMS text.
struct TemplatePayloadTests {
    typealias F = TemplateFixture

    @Test func webhookPayloadCarriesStableMachineFields() throws {
        let scenario = try TemplateScenario(F.report(.schoolViolence, severity: .high))
        let alert = try #require(scenario.alerts.first { $0.recipient == F.head && $0.template == .incidentNew })
        let context = try scenario.context(alert, now: F.t0)
        let renderer = try F.renderer()
        let data = try #require(renderer.render(context, for: .webhook).payload)
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])

        #expect(json["schema"] as? String == "watchpost.alert.v1")
        #expect(json["alert_id"] as? String == alert.id.uuidString.lowercased())
        #expect(json["delivery_id"] as? String == context.idempotencyKey)
        #expect(json["template"] as? String == "incident.new")
        #expect(json["recipient_officer_id"] as? String == F.head)
        #expect(json["recipient_relation"] as? String == "school_head")
        #expect(json["acknowledge_url"] as? String == renderer.acknowledgeURL(context))
        #expect(json["acknowledge_url_expires_at"] as? String == "2026-12-02T07:30:00Z")
        // Keys that do not apply are present as null, so receivers can rely on the shape.
        #expect(json["obligation_id"] as? String == alert.obligationID?.uuidString.lowercased())
        #expect(json.keys.contains("missed_due_at") && json["missed_due_at"] is NSNull)
        let incident = try #require(json["incident"] as? [String: Any])
        #expect(incident["id"] as? String == F.uuid(1).uuidString.lowercased())
        #expect(incident["category"] as? String == "school_violence")
        #expect(incident["severity"] as? String == "high")
        #expect(incident["opened_at"] as? String == "2026-11-29T07:30:00Z")
        let unit = try #require(json["unit"] as? [String: Any])
        #expect(unit["id"] as? String == "thcs-binh-son")
        #expect(unit["name"] as? String == "Trường THCS Bình Sơn")
        let obligations = try #require(json["obligations"] as? [[String: Any]])
        let byKind = Dictionary(uniqueKeysWithValues: obligations.map { ($0["kind"] as? String ?? "", $0) })
        #expect(
            Set(byKind.keys) == [
                "acknowledge", "take_down", "report_to_authority", "notify_police", "acknowledge_receipt",
            ]
        )
        #expect(byKind["acknowledge_receipt"]?["owed_by_recipient"] as? Bool == false)
        #expect(byKind["acknowledge"]?["due_at"] as? String == "2026-11-30T02:00:00Z")
        #expect(byKind["take_down"]?["due_at"] as? String == "2026-11-30T07:30:00Z")
        #expect(byKind["acknowledge"]?["owed_by_recipient"] as? Bool == true)
        #expect(
            (byKind["take_down"]?["legal_basis"] as? String)?.hasPrefix(
                "Công văn PGDĐT Bình Sơn (2024), mục 4, thực hiện Công văn 736/SGDĐT-CTTTCNTX"
            ) == true
        )
        // The same context renders byte-identical JSON: retries carry the same document.
        #expect(renderer.payload(context) == data)
    }

    @Test func escalationPayloadNamesTheMissedDeadline() throws {
        var scenario = try TemplateScenario(F.report(.schoolViolence, severity: .high))
        let decision = try scenario.escalateOverdue(.acknowledge, at: F.monday(9))
        let alert = try decision.alert(.obligationMissed, to: F.head)
        let data = try F.renderer().payload(try scenario.context(alert, now: F.monday(9)))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(json["missed_due_at"] as? String == "2026-11-30T02:00:00Z")
        #expect(json["obligation_id"] as? String == alert.obligationID?.uuidString.lowercased())
        let told = try #require(json["also_told"] as? [[String: Any]])
        #expect(told.contains { $0["relation"] as? String == "authority_leadership" })
    }

    @Test(arguments: [AlertTemplate.incidentNew, .obligationReminder, .obligationEscalated, .obligationMissed])
    func smsOfATypicalAlertFitsThreeSegmentsWithTheWholeLinkAndDeadline(template: AlertTemplate) throws {
        var scenario = try TemplateScenario(F.report(.schoolViolence, severity: .high))
        let now = template == .incidentNew || template == .obligationReminder ? F.monday(8, 15) : F.monday(9)
        if now == F.monday(9) { try scenario.escalateOverdue(.acknowledge, at: now) }
        let state = try #require(scenario.incident)
        let alert = Alert(
            id: F.uuid(902),
            incidentID: state.id,
            eventID: nil,
            recipient: F.head,
            relation: .schoolHead,
            template: template,
            reason: "test",
            obligationID: template == .incidentNew ? nil : try scenario.obligation(.acknowledge).id,
            createdAt: now
        )
        let context = try scenario.context(alert, now: now)
        let renderer = try F.renderer()
        let sms = renderer.smsText(context)

        #expect(SMSText.segmentCount(sms) <= 3, "\(SMSText.segmentCount(sms)) segments: \(sms)")
        #expect(renderer.render(context, for: .sms).body == sms)
        let link = try #require(renderer.acknowledgeURL(context))
        #expect(sms.hasSuffix(link))
        #expect((try? F.signer().verify(link, now: now).get()) != nil)
        #expect(sms.contains("THCS Binh Son") || sms.contains("THCS Bình Sơn"))
        // A new incident names the soonest deadline (the police, on the calendar: Sunday 16:30);
        // the others the head's acknowledgement (working time: Monday 09:00).
        let (hour, minute) = template == .incidentNew ? ("16", "30") : ("09", "00")
        #expect(sms.contains("\(hour) gio \(minute)") || sms.contains("\(hour) giờ \(minute)"), "\(sms)")
    }

    @Test func smsShortensTheFactsNotTheLinkWhenTheBudgetIsTight() throws {
        let scenario = try TemplateScenario(F.report(.childAtRisk, severity: .critical))
        let alert = try #require(scenario.alerts.first { $0.recipient == F.head })
        let context = try scenario.context(alert, now: F.t0)
        var renderer = try F.renderer()
        renderer.smsMaxSegments = 2
        let sms = renderer.smsText(context)
        #expect(SMSText.segmentCount(sms) <= 2)
        #expect(SMSText.encoding(of: sms) == .gsm7)
        let link = try #require(renderer.acknowledgeURL(context))
        #expect(sms.hasSuffix(" " + link))
        #expect(sms.hasPrefix("Watchpost: Tre em co nguy co bi ton hai"))
    }

    @Test func englishSmsKeepsItsWordsAndLink() throws {
        let scenario = try TemplateScenario(F.report(.schoolViolence, severity: .high))
        let alert = try #require(scenario.alerts.first { $0.recipient == F.head })
        let renderer = try F.renderer()
        let sms = renderer.smsText(try scenario.context(alert, locale: .en, now: F.t0))
        #expect(sms.hasPrefix("Watchpost: School violence, High, Tr"))
        // Acknowledge, take down, report to the authority, work with the police (high violence).
        #expect(
            sms.contains(
                "To do: Acknowledge receipt by Monday 30 Nov 2026, 09:00 (UTC+7) (counted in working hours) (+3 more)."
            )
        )
        #expect(sms.contains(" Ack: \(F.baseURL)/ack?"))
        #expect(SMSText.segmentCount(sms) <= 3)
    }
}
