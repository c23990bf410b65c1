import Foundation
import Testing
import WatchpostCore
import WatchpostNotify
import WatchpostPresentation

struct TemplateRenderTests {
    typealias F = TemplateFixture

    @Test func newIncidentTellsTheHeadWhatHappenedWhatIsOwedByWhenAndWhy() throws {
        let scenario = try TemplateScenario(F.report(.schoolViolence, severity: .high))
        let alert = try #require(scenario.alerts.first { $0.recipient == F.head && $0.template == .incidentNew })
        let context = try scenario.context(alert, now: F.t0)
        let renderer = try F.renderer()
        let message = renderer.render(context)

        #expect(message.subject == "[Watchpost] Bạo lực học đường — Trường THCS Bình Sơn — mức cao")
        #expect(message.locale == "vi")
        #expect(message.idempotencyKey == DerivedID.delivery(alert: alert.id).uuidString.lowercased())
        let body = message.body
        for line in [
            "Kính gửi: Đồng chí Châu Tấn Hiếu, Hiệu trưởng Trường THCS Bình Sơn.",
            "- Loại: Bạo lực học đường",
            "- Mức độ: Cao",
            "- Nền tảng: Facebook",
            "- Người liên quan: học sinh",
            "- Tóm tắt: Clip học sinh xô xát trước cổng trường được chia sẻ trong nhóm phụ huynh",
            "- Trường: Trường THCS Bình Sơn",
            "- Cơ quan quản lý: Phòng Văn hóa - Xã hội xã Bình Sơn",
            "- Tiếp nhận lúc: 14 giờ 30 ngày 29/11/2026",
            "Nhiệm vụ: Xác nhận đã nhận thông tin; thời hạn: chậm nhất 09 giờ 00 thứ Hai 30/11/2026 (tính theo giờ làm việc)",
            "Nhiệm vụ: Gỡ bỏ nội dung; thời hạn: chậm nhất 14 giờ 30 ngày 30/11/2026",
            "Nhiệm vụ: Báo cáo cơ quan quản lý giáo dục; thời hạn: chậm nhất 14 giờ 30 ngày 30/11/2026",
            "  Căn cứ: Công văn PGDĐT Bình Sơn (2024), mục 4 và mục 5"
                + ", thực hiện Công văn 736/SGDĐT-CTTTCNTX (03/4/2024) của Sở GDĐT Quảng Ngãi",
            "  Căn cứ: Công văn PGDĐT Bình Sơn (2024), mục 4"
                + ", thực hiện Công văn 736/SGDĐT-CTTTCNTX (03/4/2024) của Sở GDĐT Quảng Ngãi"
                + "; tham chiếu Nghị định 147/2024/NĐ-CP",
            "  Căn cứ: Công văn PGDĐT Bình Sơn (2024), mục 2"
                + ", thực hiện Công văn 736/SGDĐT-CTTTCNTX (03/4/2024) của Sở GDĐT Quảng Ngãi; Nghị định 80/2017/NĐ-CP",
            "  Lý do: Hiệu trưởng phải chủ động nắm và chỉ đạo xử lý sự việc của đơn vị mình",
            "(Liên kết dành riêng cho đồng chí, có hiệu lực đến 14 giờ 30 ngày 02/12/2026.)",
        ] {
            #expect(body.contains(line), "missing: \(line)\n\(body)")
        }
        // The acknowledge link is the recipient's own and verifies.
        let link = try #require(renderer.acknowledgeURL(context))
        #expect(body.contains("Xác nhận đã nhận thông tin: \(link)"))
        let grant = try F.signer().verify(link, now: F.minutes(5)).get()
        #expect(grant.incidentID == F.uuid(1))
        #expect(grant.officerID == F.head)
    }

    @Test func newIncidentTellsTheAuthorityDeskItOwesItsAcknowledgementOfReceipt() throws {
        let scenario = try TemplateScenario(F.report(.schoolViolence, severity: .high))
        let alert = try #require(scenario.alerts.first { $0.relation == .authorityDesk })
        let body = try F.renderer().body(try scenario.context(alert, now: F.t0))
        #expect(body.hasPrefix("Kính gửi: Đồng chí Hồ Thị Hồng Trang, chuyên viên Phòng Văn hóa - Xã hội xã Bình Sơn."))
        #expect(
            body.contains(
                "Nhiệm vụ: Xác nhận đã tiếp nhận báo cáo của nhà trường; thời hạn: chậm nhất "
                    + "11 giờ 00 thứ Hai 30/11/2026 (tính theo giờ làm việc)"
            ),
            "\(body)"
        )
        #expect(!body.contains("Đồng chí không có nhiệm vụ nào"))
        #expect(!body.contains("Nhiệm vụ: Gỡ bỏ"), "the school's duties are not the desk's")
    }

    @Test func newIncidentTellsTheAuthorityDeskItOwesNothingButToKnow() throws {
        let scenario = try TemplateScenario(F.report(.other, severity: .medium))
        let alert = try #require(scenario.alerts.first { $0.relation == .authorityDesk })
        let body = try F.renderer().body(try scenario.context(alert, now: F.t0))
        #expect(body.hasPrefix("Kính gửi: Đồng chí Hồ Thị Hồng Trang, chuyên viên Phòng Văn hóa - Xã hội xã Bình Sơn."))
        #expect(body.contains("Đồng chí không có nhiệm vụ nào trong sự việc này"))
        #expect(!body.contains("Nhiệm vụ:"))
    }

    /// Every template, in both languages, names the school with its diacritics, the category
    /// and severity in words, and (unless resolved) carries a verifying personal link.
    @Test(arguments: AlertTemplate.allCases, DisplayLocale.allCases)
    func everyTemplateNamesSchoolCategorySeverityAndLink(template: AlertTemplate, locale: DisplayLocale) throws {
        var scenario = try TemplateScenario(F.report(.lawViolationSigns, severity: .critical))
        if template == .incidentResolved {
            try scenario.apply(
                F.event(.resolved(IncidentResolved(note: nil)), by: F.officer(F.head), id: 200, at: F.minutes(90)),
                at: F.minutes(90)
            )
        }
        let state = try #require(scenario.incident)
        let acknowledge = try scenario.obligation(.acknowledge)
        let alert = Alert(
            id: F.uuid(900),
            incidentID: state.id,
            eventID: nil,
            recipient: F.head,
            relation: .schoolHead,
            template: template,
            reason: "test",
            obligationID: [.obligationReminder, .obligationEscalated, .obligationMissed].contains(template)
                ? acknowledge.id : nil,
            createdAt: F.minutes(90)
        )
        let context = try scenario.context(alert, locale: locale, now: F.minutes(90))
        let renderer = try F.renderer()
        let message = renderer.render(context)
        let strings = TemplateStrings.for(locale)

        for text in [message.subject, message.body] {
            #expect(text.contains("Trường THCS Bình Sơn"))
            #expect(text.contains(strings.label(IncidentCategory.lawViolationSigns)) || text == message.subject)
            // The subject writes the severity in lower case ("mức nghiêm trọng").
            #expect(text.lowercased().contains(strings.label(Severity.critical).lowercased()))
        }
        #expect(message.subject.hasPrefix("[Watchpost] "))
        #expect(message.subject.count < 110, "subject too long: \(message.subject)")
        #expect(message.body.contains(state.id.uuidString.lowercased()))
        #expect(!message.body.contains("law_violation_signs") && !message.body.contains("school_head"))
        let vietnameseOnly = ["Việc cần làm", "Kính gửi", "Căn cứ"]
        let englishOnly = ["To do:", "Legal basis", "Received at"]
        for word in locale == .vi ? englishOnly : vietnameseOnly {
            #expect(!message.body.contains(word), "\(locale) body contains `\(word)`")
        }
        if template == .incidentResolved {
            #expect(renderer.acknowledgeURL(context) == nil)
            #expect(!message.body.contains("/ack?"))
        } else {
            let link = try #require(renderer.acknowledgeURL(context))
            #expect(message.body.contains(link))
            #expect((try? F.signer().verify(link, now: F.minutes(91)).get())?.officerID == F.head)
        }
    }

    @Test func englishRecipientReadsTheDeadlineInLocalTimeWithTheLegalBasis() throws {
        let scenario = try TemplateScenario(F.report(.schoolViolence, severity: .high))
        let alert = try #require(scenario.alerts.first { $0.recipient == F.head && $0.template == .incidentNew })
        let message = try F.renderer().render(try scenario.context(alert, locale: .en, now: F.t0))
        #expect(message.subject == "[Watchpost] School violence — Trường THCS Bình Sơn — severity High")
        #expect(message.locale == "en")
        for line in [
            "To: Châu Tấn Hiếu, Principal, Trường THCS Bình Sơn.",
            "- Category: School violence",
            "- Severity: High",
            "- People involved: student",
            "- Supervising authority: Culture and Society Office, Bình Sơn commune",
            "To do: Acknowledge receipt — due Monday 30 Nov 2026, 09:00 (UTC+7) (counted in working hours)",
            "To do: Have the content taken down — due 30 Nov 2026, 14:30 (UTC+7)",
            "  Why: The head of unit must take charge of the unit's incidents",
            "  Legal basis: Công văn PGDĐT Bình Sơn (2024), mục 4"
                + ", thực hiện Công văn 736/SGDĐT-CTTTCNTX (03/4/2024) của Sở GDĐT Quảng Ngãi"
                + "; tham chiếu Nghị định 147/2024/NĐ-CP",
            "Acknowledge receipt: https://watchpost.example.invalid/ack?incident=",
        ] {
            #expect(message.body.contains(line), "missing: \(line)\n\(message.body)")
        }
    }

    @Test func officerWithEnglishLocaleInTheDirectoryIsWrittenToInEnglish() throws {
        var scenario = try TemplateScenario(F.report(.lawViolationSigns, severity: .critical))
        try scenario.escalateOverdue(.notifyPolice, at: F.minutes(60))
        let decision = try scenario.escalateOverdue(.notifyPolice, at: F.minutes(180))
        let alert = try decision.alert(.obligationEscalated, to: "pa05-ca-tinh-2")
        let context = try scenario.context(alert, now: F.minutes(180))
        #expect(context.locale == .en)
        let message = try F.renderer().render(context)
        #expect(
            message.subject
                == "[Watchpost] Overdue, escalated: Work with the police at the same level — Trường THCS Bình Sơn — "
                + "severity Critical"
        )
        for line in [
            "To: Đỗ Đức Sơn, Police liaison, Quảng Ngãi Provincial Police.",
            "passed its deadline unmet; Watchpost has escalated it to level 2 for direction.",
            "Missed deadline:\n- Obligation: Work with the police at the same level"
                + "\n- Missed deadline: 29 Nov 2026, 17:30 (UTC+7)",
            "- Owed by: Châu Tấn Hiếu, Principal, Trường THCS Bình Sơn",
            "- Why: On signs of a violation of law, the head of unit must work with the police",
            "- Legal basis: Công văn PGDĐT Bình Sơn (2024), mục 4"
                + ", thực hiện Công văn 736/SGDĐT-CTTTCNTX (03/4/2024) của Sở GDĐT Quảng Ngãi"
                + "; Luật An ninh mạng số 116/2025/QH15",
            "If it is still not done by 30 Nov 2026, 05:30 (UTC+7), Watchpost escalates to the next level.",
            "Also told:",
            "- Lâm Văn Trung, Police liaison, ",
        ] {
            #expect(message.body.contains(line), "missing: \(line)\n\(message.body)")
        }
    }
}
