import WatchpostCore
import WatchpostNotify

extension TemplateStrings {
    /// Vietnamese, the default for every officer.
    public static let vi = TemplateStrings(
        locale: .vi,
        subjectTag: [
            .incidentNew: "",
            .incidentUpdated: "Cập nhật: ",
            .incidentEscalated: "Báo cáo cấp trên chỉ đạo: ",
            .incidentResolved: "Đã giải quyết: ",
            .incidentReopened: "Mở lại: ",
            .incidentMerged: "Đã gộp: ",
            .evidenceAttached: "Báo cáo bổ sung: ",
            .obligationReminder: "Nhắc hạn: ",
            .obligationEscalated: "Quá hạn, báo cáo cấp trên: ",
            .obligationMissed: "Đã quá hạn: ",
            .deliveryFailed: "Không gửi được thông báo: ",
        ],
        severityWord: { "mức \($0.lowercased())" },
        greeting: { name, title in "Kính gửi: Đồng chí \(name), \(title)." },
        person: { name, title in "đồng chí \(name), \(title)" },
        intro: { template, facts in
            switch template {
            case .incidentNew:
                "Watchpost ghi nhận một sự việc mới trên mạng xã hội liên quan đến \(facts.school)."
            case .incidentUpdated:
                "Sự việc liên quan đến \(facts.school) vừa được cập nhật (loại, mức độ, nội dung tóm tắt hoặc có thêm báo cáo)."
            case .incidentEscalated:
                "Sự việc liên quan đến \(facts.school) đã được báo cáo cấp trên chỉ đạo (lần \(facts.level))."
            case .incidentResolved:
                "Sự việc liên quan đến \(facts.school) đã được giải quyết lúc \(facts.resolvedAt ?? facts.openedAt). "
                    + "Các việc còn mở không cần thực hiện nữa."
            case .incidentReopened:
                "Sự việc liên quan đến \(facts.school) đã được mở lại. Các thời hạn được tính lại từ \(facts.openedAt)."
            case .incidentMerged:
                "Sự việc liên quan đến \(facts.school) đã được gộp vào sự việc mã \(facts.mergedInto ?? "khác"); "
                    + "việc xử lý tiếp theo được theo dõi tại sự việc đó. Các nhiệm vụ còn mở của sự việc này không "
                    + "cần thực hiện nữa."
            case .evidenceAttached:
                "Sự việc liên quan đến \(facts.school) vừa nhận thêm một báo cáo về cùng nội dung "
                    + "(tổng cộng \(facts.reportCount) báo cáo). Không phát sinh việc mới."
            case .obligationReminder:
                "Nhắc việc: một nhiệm vụ trong sự việc liên quan đến \(facts.school) sắp đến thời hạn mà chưa hoàn thành."
            case .obligationEscalated:
                "Một nhiệm vụ trong sự việc liên quan đến \(facts.school) đã quá thời hạn mà chưa hoàn thành; hệ thống "
                    + "báo cáo cấp trên chỉ đạo (lần \(facts.level))."
            case .obligationMissed:
                "Nhiệm vụ dưới đây, trong sự việc liên quan đến \(facts.school), đã quá thời hạn mà chưa hoàn thành; "
                    + "hệ thống đã báo cáo cấp trên chỉ đạo (lần \(facts.level)). Nhiệm vụ này vẫn phải được thực hiện."
            case .deliveryFailed:
                "Watchpost đã thử nhiều lần trên mọi kênh nhưng không gửi được một thông báo về sự việc liên quan "
                    + "đến \(facts.school). Đề nghị liên hệ trực tiếp (điện thoại) với người có trách nhiệm."
            }
        },
        factsHeading: "Thông tin sự việc:",
        categoryLabel: "Loại",
        severityLabel: "Mức độ",
        platformLabel: "Nền tảng",
        subjectsLabel: "Người liên quan",
        noSubjects: "chưa ghi nhận",
        summaryLabel: "Tóm tắt",
        toolReportLine: { category, severity, platform, school in
            "\(category), mức \(severity.lowercased()), \(platform.map { "trên \($0)" } ?? "trên nền tảng khác"), "
                + "liên quan đến \(school) (báo cáo của công cụ theo dõi; nội dung chi tiết xem trên Watchpost)."
        },
        linkHidden: "[liên kết đã ẩn]",
        schoolLabel: "Trường",
        authorityLabel: "Cơ quan quản lý",
        openedLabel: "Tiếp nhận lúc",
        statusLabel: "Tình trạng",
        reportsLabel: "Số báo cáo",
        todo: { kind, due in "Nhiệm vụ: \(kind); thời hạn: chậm nhất \(due)" },
        todoOverdue: { kind, next in
            next.map {
                "Nhiệm vụ: \(kind); đã quá thời hạn; nếu chưa hoàn thành trước \($0) sẽ báo cáo cấp trên lần tiếp theo"
            }
                ?? "Nhiệm vụ: \(kind); đã quá thời hạn, đã báo cáo đến cấp cao nhất của quy trình"
        },
        todoNoDeadline: { kind in "Nhiệm vụ: \(kind); không quy định thời hạn" },
        reasonLabel: "Lý do",
        legalBasisLabel: "Căn cứ",
        nothingOwed:
            "Đồng chí không có nhiệm vụ nào trong sự việc này; thông báo để đồng chí nắm tình hình và phối hợp khi cần.",
        dueSoonHeading: "Nhiệm vụ sắp đến thời hạn:",
        missedHeading: "Nhiệm vụ đã quá thời hạn:",
        closedHeading: "Nhiệm vụ đã khép lại:",
        obligationLabel: "Nhiệm vụ",
        deadlineLabel: "Thời hạn",
        byTime: { "chậm nhất \($0)" },
        missedDeadlineLabel: "Thời hạn đã qua",
        ownerLabel: "Người thực hiện",
        nobody: "chưa có người trong danh bạ",
        direct: { owner, next in
            next.map {
                "Đề nghị đồng chí chỉ đạo \(owner) hoàn thành nhiệm vụ trên. Nếu vẫn chưa hoàn thành trước \($0), "
                    + "hệ thống sẽ báo cáo cấp trên lần tiếp theo."
            }
                ?? "Sự việc đã được báo cáo đến cấp cao nhất của quy trình; nhiệm vụ vẫn được theo dõi và lưu hồ sơ "
                + "đến khi hoàn thành."
        },
        schoolOpenHeading: "Các nhiệm vụ khác chưa hoàn thành:",
        overdueMark: "; đã quá thời hạn",
        alsoToldHeading: "Đã thông báo cho:",
        acknowledge: { url, until in
            "Xác nhận đã nhận thông tin: \(url)\n(Liên kết dành riêng cho đồng chí, có hiệu lực đến \(until).)"
        },
        footer: { id in
            "Mã sự việc: \(id)\nTin nhắn tự động từ Watchpost. Đề nghị không chuyển tiếp tin này: "
                + "liên kết xác nhận chỉ dành cho đồng chí."
        },
        smsTag: [
            .incidentNew: "",
            .incidentUpdated: "Cập nhật - ",
            .incidentEscalated: "Báo cáo cấp trên - ",
            .incidentResolved: "Đã giải quyết - ",
            .incidentReopened: "Mở lại - ",
            .incidentMerged: "Đã gộp - ",
            .evidenceAttached: "Báo cáo thêm - ",
            .obligationReminder: "Nhắc hạn - ",
            .obligationEscalated: "Quá hạn, báo cáo cấp trên - ",
            .obligationMissed: "Quá hạn - ",
            .deliveryFailed: "Không gửi được - ",
        ],
        smsHeadline: { tag, category, severity, school in
            "Watchpost: \(tag)\(category), mức \(severity.lowercased()), \(school)."
        },
        smsObligation: { kind, due in "\(kind), hạn \(due)." },
        smsTodo: { kind, when, more in "Cần: \(kind) \(when)" + (more > 0 ? " (+\(more) việc)." : ".") },
        smsBy: { "trước \($0)" },
        smsOverdue: "(đã quá hạn)",
        smsMissed: { title, kind, due in "Đề nghị \(title) hoàn thành: \(kind), hạn \(due) đã qua." },
        smsAcknowledge: "Xác nhận:",
        smsReplyOr: { key, code in "trả lời \(key) \(code), hoặc mở" },
        groupedSubject: { alerts, incidents in "Tổng hợp \(alerts) thông báo về \(incidents) sự việc" },
        groupedIntro: { alerts, incidents, since in
            "Từ \(since), Watchpost có \(alerts) thông báo gửi đồng chí về \(incidents) sự việc dưới đây. Để đồng chí "
                + "không nhận nhiều tin liên tiếp, các thông báo được gộp thành một tin theo chính sách điều phối."
        },
        incidentIDLabel: "Mã sự việc",
        groupedFooter:
            "Tin nhắn tự động từ Watchpost. Đề nghị không chuyển tiếp tin này: liên kết xác nhận chỉ dành cho đồng chí.",
        smsGroupedHeadline: { alerts in "Watchpost: \(alerts) thông báo." },
        smsMoreIncidents: { count in "và \(count) sự việc khác." },
        smsSeeAll: "Xem:"
    )
}
