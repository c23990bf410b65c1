import Foundation
import Testing
import WatchpostCore
import WatchpostNotify

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
            now: F.minutes(75)
        )
        let alert = try #require(reminder.alerts.first)
        let context = try scenario.context(alert, now: F.minutes(75))
        let message = try F.renderer().render(context)

        #expect(
            message.subject
                == "[Watchpost] Nhắc hạn: Xác nhận đã nhận thông tin — Trường THCS Bình Sơn — mức cao"
        )
        for line in [
            "Nhắc việc: một việc trong sự việc liên quan đến Trường THCS Bình Sơn sắp đến hạn mà chưa hoàn thành.",
            "Việc sắp đến hạn:\n- Việc: Xác nhận đã nhận thông tin\n- Hạn chót: 16:30 ngày 29/11/2026",
            "- Người phải làm: Hiệu trưởng (Châu Tấn Hiếu)",
            "- Căn cứ: Công văn PGDĐT Bình Sơn (2024), mục 4 và mục 5"
                + ", thực hiện Công văn 736/SGDĐT-CTTTCNTX (03/4/2024) của Sở GDĐT Quảng Ngãi",
            "Việc cần làm: Xác nhận đã nhận thông tin — hạn chót 16:30 ngày 29/11/2026",
            "Đã thông báo cho:",
            "- Phó hiệu trưởng: \(try scenario.name("pht-thcs-binh-son"))",
            "- Đầu mối tiếp nhận của cơ quan quản lý giáo dục: \(try scenario.name("cv-vhxh-binh-son"))",
        ] {
            #expect(message.body.contains(line), "missing: \(line)\n\(message.body)")
        }
        // The reminded obligation's reason is given once, not repeated in the to-do list.
        #expect(message.body.components(separatedBy: "Mục 4 và mục 5".lowercased()).count == 2)
    }

    @Test func escalationTellsTheLeadershipWhatWasMissedByWhomAndWhatHappensNext() throws {
        var scenario = try TemplateScenario(F.report(.schoolViolence, severity: .high))
        let decision = try scenario.escalateOverdue(.acknowledge, at: F.minutes(120))
        let leadership = try #require(scenario.directory.officers(.authorityLeadership, of: F.school).first)
        let alert = try decision.alert(.obligationEscalated, to: leadership.id)
        let body = try F.renderer().body(try scenario.context(alert, now: F.minutes(120)))

        for line in [
            "Kính gửi: \(leadership.name) — Lãnh đạo phụ trách giáo dục của cơ quan quản lý.",
            "Watchpost chuyển cấp trên xử lý (mức 1) để chỉ đạo.",
            "Việc đã quá hạn:\n- Việc: Xác nhận đã nhận thông tin\n- Hạn chót đã bị lỡ: 16:30 ngày 29/11/2026",
            "- Người phải làm: Hiệu trưởng (Châu Tấn Hiếu)",
            "- Lý do: Hiệu trưởng phải chủ động nắm và chỉ đạo xử lý sự việc",
            "- Căn cứ: Công văn PGDĐT Bình Sơn (2024), mục 4 và mục 5"
                + ", thực hiện Công văn 736/SGDĐT-CTTTCNTX (03/4/2024) của Sở GDĐT Quảng Ngãi",
            "Nếu vẫn chưa hoàn thành trước 20:30 ngày 29/11/2026, Watchpost sẽ chuyển lên mức tiếp theo.",
            "Các việc khác còn phải làm:",
            "- Gỡ bỏ nội dung — Hiệu trưởng — Hạn chót 14:30 ngày 30/11/2026",
            "Đã thông báo cho:\n- Hiệu trưởng: Châu Tấn Hiếu",
        ] {
            #expect(body.contains(line), "missing: \(line)\n\(body)")
        }
        #expect(!body.contains("Không có việc nào giao cho người nhận"))
    }

    @Test func missedDeadlineTellsTheOwnerItIsOverdueStillOwedAndWhoWasTold() throws {
        var scenario = try TemplateScenario(F.report(.schoolViolence, severity: .high))
        let decision = try scenario.escalateOverdue(.acknowledge, at: F.minutes(120))
        let alert = try decision.alert(.obligationMissed, to: F.head)
        let message = try F.renderer().render(try scenario.context(alert, now: F.minutes(120)))
        let leadership = try #require(scenario.directory.officers(.authorityLeadership, of: F.school).first)

        #expect(message.subject.hasPrefix("[Watchpost] Đã quá hạn: Xác nhận đã nhận thông tin — Trường THCS Bình Sơn"))
        for line in [
            "Watchpost đã báo cáo cấp trên (mức 1). Việc này vẫn phải được thực hiện.",
            "- Hạn chót đã bị lỡ: 16:30 ngày 29/11/2026",
            "Việc cần làm: Xác nhận đã nhận thông tin — đã quá hạn; nếu chưa làm trước 20:30 ngày 29/11/2026 "
                + "sẽ chuyển lên mức tiếp theo",
            "Việc cần làm: Gỡ bỏ nội dung — hạn chót 14:30 ngày 30/11/2026",
            "- Lãnh đạo phụ trách giáo dục của cơ quan quản lý: \(leadership.name)",
        ] {
            #expect(message.body.contains(line), "missing: \(line)\n\(message.body)")
        }
    }

    @Test func lastLevelSaysTheChainStopsButTheObligationStaysOnRecord() throws {
        var scenario = try TemplateScenario(F.report(.schoolViolence, severity: .high))
        try scenario.escalateOverdue(.acknowledge, at: F.minutes(120))
        // A routine miss ends at the commune People's Committee, at level 2 (Circular 15/2025).
        let decision = try scenario.escalateOverdue(.acknowledge, at: F.minutes(360))
        let alert = try #require(
            decision.alerts.first { $0.template == .obligationEscalated && $0.relation == .communePeoplesCommittee }
        )
        let body = try F.renderer().body(try scenario.context(alert, now: F.minutes(360)))
        #expect(body.contains("Đây là mức cuối cùng của quy trình chuyển cấp trên xử lý"))
        #expect(body.contains("chuyển cấp trên xử lý (mức 2)"))
        // Missed at level 1: the authority leadership's deadline, 4 h after 16:30.
        #expect(body.contains("- Hạn chót đã bị lỡ: 20:30 ngày 29/11/2026"))
        #expect(body.contains("- Hiệu trưởng: Châu Tấn Hiếu"))
    }

    @Test func escalationRecipientsFollowTheChainUpToTheCurrentLevel() throws {
        var scenario = try TemplateScenario(F.report(.schoolViolence, severity: .high))
        try scenario.escalateOverdue(.acknowledge, at: F.minutes(120))
        try scenario.escalateOverdue(.acknowledge, at: F.minutes(360))
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
