import WatchpostCore

extension TemplateStrings {
    /// Vietnamese, the default for every officer.
    public static let vi = TemplateStrings(
        locale: .vi,
        categories: [
            .unverifiedInformation: "Thông tin chưa được kiểm chứng",
            .falseInformation: "Thông tin sai sự thật",
            .sensitiveContent: "Nội dung nhạy cảm",
            .incitementSocialEvils: "Dụ dỗ, lôi kéo, kích động tham gia tệ nạn xã hội",
            .schoolViolence: "Bạo lực học đường",
            .lawViolationSigns: "Dấu hiệu vi phạm pháp luật",
            .childAtRisk: "Trẻ em có nguy cơ bị tổn hại",
            .other: "Khác",
        ],
        severities: [.low: "Thấp", .medium: "Trung bình", .high: "Cao", .critical: "Nghiêm trọng"],
        platforms: [
            .facebook: "Facebook", .zalo: "Zalo", .tiktok: "TikTok", .instagram: "Instagram",
            .youtube: "YouTube", .other: "Nền tảng khác",
        ],
        subjectRoles: [.student: "học sinh", .teacher: "giáo viên", .staff: "nhân viên", .manager: "cán bộ quản lý"],
        preschoolChild: "trẻ",
        obligationKinds: [
            .acknowledge: "Xác nhận đã nhận thông tin",
            .takeDown: "Gỡ bỏ nội dung",
            .publishCorrection: "Đăng thông tin đính chính",
            .notifyPolice: "Trao đổi với Công an cùng cấp",
            .reportToAuthority: "Báo cáo cơ quan quản lý giáo dục",
            .acknowledgeReceipt: "Xác nhận đã tiếp nhận báo cáo của nhà trường",
            .followUpTakedown: "Theo dõi việc gỡ bỏ đã đề nghị",
        ],
        relations: [
            .schoolHead: "Hiệu trưởng",
            .schoolDeputy: "Phó hiệu trưởng",
            .communePoliceLiaison: "Công an xã, phường nơi trường đóng",
            .provincialPoliceLiaison: "Công an tỉnh",
            .authorityDesk: "Đầu mối tiếp nhận của cơ quan quản lý giáo dục",
            .authorityLeadership: "Lãnh đạo phụ trách giáo dục của cơ quan quản lý",
            .authorityHead: "Thủ trưởng cơ quan quản lý giáo dục",
            .departmentLeadership: "Lãnh đạo Sở Giáo dục và Đào tạo",
            .peoplesCommittee: "Ủy ban nhân dân nhận báo cáo",
            .communePeoplesCommittee: "Ủy ban nhân dân xã, phường nơi trường đóng",
        ],
        titles: [
            .schoolHead: "đồng chí Hiệu trưởng",
            .schoolDeputy: "đồng chí Phó Hiệu trưởng",
            .communePoliceLiaison: "đồng chí cán bộ Công an xã, phường",
            .provincialPoliceLiaison: "đồng chí cán bộ Công an tỉnh",
            .authorityDesk: "đồng chí cán bộ đầu mối tiếp nhận",
            .authorityLeadership: "đồng chí lãnh đạo phụ trách giáo dục",
            .authorityHead: "đồng chí Thủ trưởng cơ quan quản lý giáo dục",
            .departmentLeadership: "đồng chí lãnh đạo Sở Giáo dục và Đào tạo",
            .communePeoplesCommittee: "đồng chí lãnh đạo Ủy ban nhân dân xã, phường",
        ],
        defaultTitle: "đồng chí",
        statuses: [
            .reported: "Mới tiếp nhận, chưa có người xác nhận",
            .acknowledged: "Đã xác nhận, chưa ghi nhận biện pháp xử lý",
            .mitigating: "Đang xử lý",
            .resolved: "Đã giải quyết",
        ],
        subjectTag: [
            .incidentNew: "",
            .incidentUpdated: "Cập nhật: ",
            .incidentEscalated: "Chuyển cấp trên xử lý: ",
            .incidentResolved: "Đã giải quyết: ",
            .incidentReopened: "Mở lại: ",
            .evidenceAttached: "Báo cáo bổ sung: ",
            .obligationReminder: "Nhắc hạn: ",
            .obligationEscalated: "Quá hạn, chuyển cấp trên: ",
            .obligationMissed: "Đã quá hạn: ",
            .deliveryFailed: "Không gửi được thông báo: ",
        ],
        severityWord: { "mức \($0.lowercased())" },
        greeting: { name, role in "Kính gửi: \(name) — \(role)." },
        intro: { template, facts in
            switch template {
            case .incidentNew:
                "Watchpost ghi nhận một sự việc mới trên mạng xã hội liên quan đến \(facts.school)."
            case .incidentUpdated:
                "Sự việc liên quan đến \(facts.school) vừa được cập nhật (loại, mức độ, nội dung tóm tắt hoặc có thêm báo cáo)."
            case .incidentEscalated:
                "Sự việc liên quan đến \(facts.school) đã được chuyển cấp trên xử lý (mức \(facts.level)) để chỉ đạo."
            case .incidentResolved:
                "Sự việc liên quan đến \(facts.school) đã được giải quyết lúc \(facts.resolvedAt ?? facts.openedAt). "
                    + "Các việc còn mở không cần thực hiện nữa."
            case .incidentReopened:
                "Sự việc liên quan đến \(facts.school) đã được mở lại. Các thời hạn được tính lại từ \(facts.openedAt)."
            case .evidenceAttached:
                "Sự việc liên quan đến \(facts.school) vừa nhận thêm một báo cáo về cùng nội dung "
                    + "(tổng cộng \(facts.reportCount) báo cáo). Không phát sinh việc mới."
            case .obligationReminder:
                "Nhắc việc: một việc trong sự việc liên quan đến \(facts.school) sắp đến hạn mà chưa hoàn thành."
            case .obligationEscalated:
                "Một việc trong sự việc liên quan đến \(facts.school) đã quá hạn mà chưa hoàn thành; Watchpost "
                    + "chuyển cấp trên xử lý (mức \(facts.level)) để chỉ đạo."
            case .obligationMissed:
                "Việc dưới đây, trong sự việc liên quan đến \(facts.school), đã quá hạn mà chưa hoàn thành; "
                    + "Watchpost đã báo cáo cấp trên (mức \(facts.level)). Việc này vẫn phải được thực hiện."
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
        todo: { kind, due in "Việc cần làm: \(kind) — hạn chót \(due)" },
        todoOverdue: { kind, next in
            next.map { "Việc cần làm: \(kind) — đã quá hạn; nếu chưa làm trước \($0) sẽ chuyển lên mức tiếp theo" }
                ?? "Việc cần làm: \(kind) — đã quá hạn, đã báo cáo đến mức cao nhất"
        },
        todoNoDeadline: { kind in "Việc cần làm: \(kind) — không có hạn chót" },
        reasonLabel: "Lý do",
        legalBasisLabel: "Căn cứ",
        nothingOwed:
            "Không có việc nào giao cho người nhận trong sự việc này; thông báo để nắm tình hình và phối hợp khi cần.",
        dueSoonHeading: "Việc sắp đến hạn:",
        missedHeading: "Việc đã quá hạn:",
        closedHeading: "Việc đã khép lại:",
        obligationLabel: "Việc",
        deadlineLabel: "Hạn chót",
        missedDeadlineLabel: "Hạn chót đã bị lỡ",
        ownerLabel: "Người phải làm",
        nobody: "chưa có người trong danh bạ",
        direct: { owner, next in
            next.map {
                "Đề nghị chỉ đạo \(owner) hoàn thành việc trên. Nếu vẫn chưa hoàn thành trước \($0), "
                    + "Watchpost sẽ chuyển lên mức tiếp theo."
            }
                ?? "Đây là mức cuối cùng của quy trình chuyển cấp trên xử lý; việc vẫn được theo dõi và lưu hồ sơ "
                + "đến khi hoàn thành."
        },
        schoolOpenHeading: "Các việc khác còn phải làm:",
        overdueMark: " — đã quá hạn",
        alsoToldHeading: "Đã thông báo cho:",
        acknowledge: { url, until in
            "Xác nhận đã nhận thông tin: \(url)\n(Liên kết dành riêng cho người nhận, có hiệu lực đến \(until).)"
        },
        footer: { id in
            "Mã sự việc: \(id)\nTin nhắn tự động từ Watchpost. Không chuyển tiếp tin này: "
                + "liên kết xác nhận gắn với người nhận."
        },
        smsTag: [
            .incidentNew: "",
            .incidentUpdated: "Cập nhật - ",
            .incidentEscalated: "Chuyển cấp trên - ",
            .incidentResolved: "Đã giải quyết - ",
            .incidentReopened: "Mở lại - ",
            .evidenceAttached: "Báo cáo thêm - ",
            .obligationReminder: "Nhắc hạn - ",
            .obligationEscalated: "Quá hạn, chuyển cấp trên - ",
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
        smsAcknowledge: "Xác nhận:"
    )
}
