import Foundation
import Testing
import WatchpostCore
import WatchpostNotify
import WatchpostPresentation

/// The one message several alerts to one official become (D58): every incident listed with
/// its school, category, severity, what is owed and by when; Vietnamese first, English for
/// `locale: en`; an SMS within its segments.
struct GroupedAlertTextTests {
    typealias F = TemplateFixture

    /// The schools of the commune of Bình Sơn, each reporting the same rumour.
    static let schools: [UnitID] = [
        "mn-binh-trung", "th-binh-long", "th-so-1-chau-o", "thcs-binh-son", "th-binh-thanh", "thcs-binh-chanh",
    ]

    /// The commune police liaison's alert about each school's incident, as contexts in `locale`.
    static func policeContexts(locale: DisplayLocale = .vi) throws -> [AlertContext] {
        let (directory, policy) = try F.shipped()
        return try schools.enumerated().map { index, school in
            let event = Event(
                eventID: F.uuid(1_000 + index),
                incidentID: F.uuid(2_000 + index),
                occurredAt: F.t0,
                source: F.officer(F.monitor),
                unitID: school,
                payload: .reported(
                    IncidentReported(
                        platform: .facebook,
                        urls: [F.contentURL],
                        category: .lawViolationSigns,
                        severity: .high,
                        subjects: [.student],
                        summary: "Tin đồn",
                        dedupKey: DedupKey.normalise(url: F.contentURL)
                    )
                )
            )
            let decision = Router.route(
                RoutingInput(
                    event: event,
                    incident: nil,
                    openIncidentForDedupKey: nil,
                    directory: directory,
                    policy: policy,
                    now: F.t0
                )
            )
            let alert = try #require(decision.alerts.first { $0.relation == .communePoliceLiaison })
            return try AlertContext(
                alert: alert,
                incident: try #require(decision.incident),
                directory: directory,
                locale: locale,
                now: F.t0.addingTimeInterval(600)
            )
        }
    }

    static func grouped(locale: DisplayLocale = .vi) throws -> GroupedAlertContext {
        let items = try policeContexts(locale: locale)
        return GroupedAlertContext(
            items: items,
            idempotencyKey: DerivedID.groupedMessage(deliveries: items.map(\.alert.id)).uuidString.lowercased(),
            now: F.t0.addingTimeInterval(600)
        )
    }

    @Test func theGroupedMessageListsEverySchoolWithWhatIsOwedAndByWhenInVietnamese() throws {
        let message = try F.renderer().render(try Self.grouped())
        #expect(message.subject == "[Watchpost] Tổng hợp 6 thông báo về 6 sự việc — mức cao")
        #expect(message.body.hasPrefix("Kính gửi: Đồng chí "))
        #expect(message.body.contains("Watchpost có 6 thông báo gửi đồng chí về 6 sự việc dưới đây"))
        for name in ["Trường THCS Bình Sơn", "Trường Mầm non Bình Trung", "Trường THCS Bình Chánh"] {
            #expect(message.body.contains("Dấu hiệu vi phạm pháp luật, mức cao — \(name)"), "\(name)")
        }
        #expect(message.body.contains("- Trao đổi với Công an cùng cấp — Hiệu trưởng; thời hạn: chậm nhất 16 giờ 30"))
        #expect(message.body.contains("- Xác nhận đã nhận thông tin: https://watchpost.example.invalid/ack?"))
        #expect(message.body.components(separatedBy: "- Mã sự việc: ").count == 7)
        #expect(message.body.contains("\n6. "))
    }

    @Test func anEnglishOfficerReadsTheGroupedMessageInEnglish() throws {
        let message = try F.renderer().render(try Self.grouped(locale: .en))
        #expect(message.subject == "[Watchpost] 6 alerts on 6 incidents — severity High")
        #expect(message.body.contains("Watchpost has had 6 alerts for you about the 6 incidents below"))
        #expect(message.body.contains("Signs of a violation of law, severity High — Trường THCS Bình Sơn"))
        #expect(message.body.contains("- Work with the police at the same level — Principal; deadline: "))
        #expect(message.locale == "en")
    }

    @Test func theGroupedSMSListsAsManyIncidentsAsFitAndCountsTheRest() throws {
        var renderer = try F.renderer()
        let grouped = try Self.grouped()
        for segments in [1, 2, 3, 5] {
            renderer.smsMaxSegments = segments
            let text = renderer.smsText(grouped)
            #expect(SMSText.segmentCount(text) <= segments, "\(segments): \(text)")
            #expect(text.hasSuffix(" https://watchpost.example.invalid/me"), "\(segments): \(text)")
            let listed = (1...6).filter { text.contains("\($0)) ") }.count
            if listed < 6 {
                let more = SMSText.unaccented("và \(6 - listed) sự việc khác.")
                #expect(SMSText.unaccented(text).contains(more), "\(segments): \(text)")
            }
        }
        renderer.smsMaxSegments = 20
        let roomy = renderer.smsText(grouped)
        #expect(roomy.hasPrefix("Watchpost: 6 thông báo. 1) Dấu hiệu vi phạm pháp luật, mức cao, "))
        #expect(!roomy.contains("sự việc khác"))
    }

    @Test func theGroupedWebhookDocumentCarriesEveryAlertsOwnDocument() throws {
        let grouped = try Self.grouped()
        let message = try F.renderer().render(grouped, for: .webhook)
        let payload = try #require(message.payload)
        let json = try #require(try JSONSerialization.jsonObject(with: payload) as? [String: Any])
        #expect(json["schema"] as? String == "watchpost.alert-group.v1")
        #expect(json["delivery_id"] as? String == grouped.idempotencyKey)
        let alerts = try #require(json["alerts"] as? [[String: Any]])
        #expect(alerts.count == 6)
        #expect(alerts.allSatisfy { $0["schema"] as? String == "watchpost.alert.v1" })
    }

    @Test func theGroupedMessageAvoidsTheGlossarysRejectedTerms() throws {
        let glossary = try Glossary.load()
        var renderer = try F.renderer()
        renderer.smsMaxSegments = 20
        let grouped = try Self.grouped()
        for text in [renderer.subject(grouped), renderer.body(grouped), renderer.smsText(grouped)] {
            #expect(glossary.violations(in: text).isEmpty, "\(glossary.violations(in: text))")
        }
    }
}
