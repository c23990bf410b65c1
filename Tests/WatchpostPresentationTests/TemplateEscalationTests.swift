import Foundation
import Testing
import WatchpostCore
import WatchpostNotify
import WatchpostPresentation

/// Reminders and escalations say what is (or was) owed, by whom, by when, why, and who else knows.
struct TemplateEscalationTests {
    typealias F = TemplateFixture

    @Test func reminderNamesTheObligationItsDeadlineOwnerBasisAndWhoElseWasTold() throws {
        let scenario = try TemplateScenario(F.report(.schoolViolence, severity: .high))
        let state = try #require(scenario.incident)
        let acknowledge = try scenario.obligation(.acknowledge)
        let reminder = DeadlineEnforcer.dueReminder(
            for: acknowledge,
            incident: state,
            directory: scenario.directory,
            now: F.monday(8, 15)
        )
        let alert = try #require(reminder.alerts.first)
        let context = try scenario.context(alert, now: F.monday(8, 15))
        let message = try F.renderer().render(context)

        #expect(
            message.subject
                == "[Watchpost] Nhắc hạn: Xác nhận đã nhận thông tin — Trường THCS Bình Sơn — mức cao"
        )
        for line in [
            "Nhắc việc: một nhiệm vụ trong sự việc liên quan đến Trường THCS Bình Sơn sắp đến thời hạn mà chưa hoàn thành.",
            "Nhiệm vụ sắp đến thời hạn:\n- Nhiệm vụ: Xác nhận đã nhận thông tin\n- Thời hạn: chậm nhất 09 giờ 00 thứ Hai 30/11/2026 (tính theo giờ làm việc)",
            "- Người thực hiện: đồng chí Châu Tấn Hiếu, Hiệu trưởng Trường THCS Bình Sơn",
            "- Căn cứ: Công văn PGDĐT Bình Sơn (2024), mục 4 và mục 5"
                + ", thực hiện Công văn 736/SGDĐT-CTTTCNTX (03/4/2024) của Sở GDĐT Quảng Ngãi",
            "Nhiệm vụ: Xác nhận đã nhận thông tin; thời hạn: chậm nhất 09 giờ 00 thứ Hai 30/11/2026 (tính theo giờ làm việc)",
            "Đã thông báo cho:",
            "- đồng chí \(try scenario.name("pht-thcs-binh-son")), Phó Hiệu trưởng Trường THCS Bình Sơn",
            "- đồng chí \(try scenario.name("cv-vhxh-binh-son")), chuyên viên Phòng Văn hóa - Xã hội xã Bình Sơn",
        ] {
            #expect(message.body.contains(line), "missing: \(line)\n\(message.body)")
        }
        // The reminded obligation's reason is given once, not repeated in the to-do list.
        #expect(message.body.components(separatedBy: "Mục 4 và mục 5".lowercased()).count == 2)
    }

    @Test func escalationTellsTheLeadershipWhatWasMissedByWhomAndWhatHappensNext() throws {
        var scenario = try TemplateScenario(F.report(.schoolViolence, severity: .high))
        let decision = try scenario.escalateOverdue(.acknowledge, at: F.monday(9))
        let leadership = try #require(scenario.directory.officers(.authorityLeadership, of: F.school).first)
        let alert = try decision.alert(.obligationEscalated, to: leadership.id)
        let body = try F.renderer().body(try scenario.context(alert, now: F.monday(9)))

        for line in [
            "Kính gửi: Đồng chí \(leadership.name), Phó Trưởng phòng Văn hóa - Xã hội xã Bình Sơn.",
            "hệ thống báo cáo cấp trên chỉ đạo (lần 1).",
            "Nhiệm vụ đã quá thời hạn:\n- Nhiệm vụ: Xác nhận đã nhận thông tin\n- Thời hạn đã qua: 09 giờ 00 ngày 30/11/2026",
            "- Người thực hiện: đồng chí Châu Tấn Hiếu, Hiệu trưởng Trường THCS Bình Sơn",
            "- Lý do: Hiệu trưởng phải chủ động nắm và chỉ đạo xử lý sự việc",
            "- Căn cứ: Công văn PGDĐT Bình Sơn (2024), mục 4 và mục 5"
                + ", thực hiện Công văn 736/SGDĐT-CTTTCNTX (03/4/2024) của Sở GDĐT Quảng Ngãi",
            "Nếu vẫn chưa hoàn thành trước 15 giờ 00 thứ Hai 30/11/2026 (tính theo giờ làm việc), hệ thống sẽ báo cáo cấp trên lần tiếp theo.",
            "Các nhiệm vụ khác chưa hoàn thành:",
            "- Gỡ bỏ nội dung — Hiệu trưởng; thời hạn: chậm nhất 14 giờ 30 ngày 30/11/2026",
            "Đã thông báo cho:\n- đồng chí Châu Tấn Hiếu, Hiệu trưởng Trường THCS Bình Sơn",
        ] {
            #expect(body.contains(line), "missing: \(line)\n\(body)")
        }
        #expect(!body.contains("Đồng chí không có nhiệm vụ nào"))
    }

    @Test func missedDeadlineTellsTheOwnerItIsOverdueStillOwedAndWhoWasTold() throws {
        var scenario = try TemplateScenario(F.report(.schoolViolence, severity: .high))
        let decision = try scenario.escalateOverdue(.acknowledge, at: F.monday(9))
        let alert = try decision.alert(.obligationMissed, to: F.head)
        let message = try F.renderer().render(try scenario.context(alert, now: F.monday(9)))
        let leadership = try #require(scenario.directory.officers(.authorityLeadership, of: F.school).first)

        #expect(message.subject.hasPrefix("[Watchpost] Đã quá hạn: Xác nhận đã nhận thông tin — Trường THCS Bình Sơn"))
        for line in [
            "hệ thống đã báo cáo cấp trên chỉ đạo (lần 1). Nhiệm vụ này vẫn phải được thực hiện.",
            "- Thời hạn đã qua: 09 giờ 00 ngày 30/11/2026",
            "Nhiệm vụ: Xác nhận đã nhận thông tin; đã quá thời hạn; nếu chưa hoàn thành trước 15 giờ 00 thứ Hai "
                + "30/11/2026 (tính theo giờ làm việc) sẽ báo cáo cấp trên lần tiếp theo",
            "Nhiệm vụ: Gỡ bỏ nội dung; thời hạn: chậm nhất 14 giờ 30 ngày 30/11/2026",
            "- đồng chí \(leadership.name), Phó Trưởng phòng Văn hóa - Xã hội xã Bình Sơn",
        ] {
            #expect(message.body.contains(line), "missing: \(line)\n\(message.body)")
        }
    }

    @Test func lastLevelOfAChainThatStopsSaysSoAndThatTheObligationStaysOnRecord() throws {
        var scenario = try TemplateScenario(F.report(.schoolViolence, severity: .high)) {
            $0.replacingOccurrences(of: "after_last_level: { remind_every: 8h }", with: "after_last_level: stop")
        }
        try scenario.escalateOverdue(.acknowledge, at: F.monday(9))
        // A routine miss ends at the commune People's Committee, at level 2 (Circular 15/2025).
        let decision = try scenario.escalateOverdue(.acknowledge, at: F.monday(15))
        let alert = try #require(
            decision.alerts.first { $0.template == .obligationEscalated && $0.relation == .communePeoplesCommittee }
        )
        let body = try F.renderer().body(try scenario.context(alert, now: F.monday(15)))
        #expect(body.contains("Sự việc đã được báo cáo đến cấp cao nhất của quy trình"))
        #expect(body.contains("báo cáo cấp trên chỉ đạo (lần 2)"))
        #expect(body.hasPrefix("Kính gửi: Đồng chí Trần Văn Khánh, Chủ tịch UBND xã Bình Sơn."))
        // Missed at level 1: the authority leadership's deadline, 4 working hours after 09:00.
        #expect(body.contains("- Thời hạn đã qua: 15 giờ 00 ngày 30/11/2026"))
        #expect(body.contains("- đồng chí Châu Tấn Hiếu, Hiệu trưởng Trường THCS Bình Sơn"))
    }

    @Test func lastLevelOfTheShippedChainIsToldItWillBeToldAgainNextWorkingDay() throws {
        var scenario = try TemplateScenario(F.report(.schoolViolence, severity: .high))
        try scenario.escalateOverdue(.acknowledge, at: F.monday(9))
        try scenario.escalateOverdue(.acknowledge, at: F.monday(15))
        // `remind_every: 8h` on working time: one working day later, the same level again.
        let tuesday = CivilDay(year: 2026, month: 12, day: 1).at(hour: 15)
        #expect(try scenario.obligation(.acknowledge).dueAt == tuesday)
        let decision = try scenario.escalateOverdue(.acknowledge, at: tuesday)
        let alert = try #require(
            decision.alerts.first { $0.template == .obligationEscalated && $0.relation == .communePeoplesCommittee }
        )
        let body = try F.renderer().body(try scenario.context(alert, now: tuesday))
        #expect(body.contains("báo cáo cấp trên chỉ đạo (lần 3)"), "\(body)")
        #expect(
            body.contains(
                "Nếu vẫn chưa hoàn thành trước 15 giờ 00 thứ Tư 02/12/2026 (tính theo giờ làm việc), hệ thống sẽ "
                    + "báo cáo cấp trên lần tiếp theo."
            ),
            "\(body)"
        )
    }

    @Test func escalationRecipientsFollowTheChainUpToTheCurrentLevel() throws {
        var scenario = try TemplateScenario(F.report(.schoolViolence, severity: .high))
        try scenario.escalateOverdue(.acknowledge, at: F.monday(9))
        try scenario.escalateOverdue(.acknowledge, at: F.monday(15))
        let obligation = try scenario.obligation(.acknowledge)
        let parties = NotifiedParty.escalationRecipients(
            of: obligation,
            school: F.school,
            policy: scenario.policy,
            directory: scenario.directory,
            excluding: F.head
        )
        #expect(parties.map(\.relation) == [.authorityLeadership, .authorityHead, .communePeoplesCommittee])
        #expect(parties.allSatisfy { !$0.officerNames.isEmpty })
    }
}
