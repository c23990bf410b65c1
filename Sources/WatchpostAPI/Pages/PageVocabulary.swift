import WatchpostCore

/// The words the pages show for the closed vocabularies of the domain, in Vietnamese and
/// English. The wire spellings (`school_violence`) never reach a reader.
protocol PageLabelled {
    /// The label in Vietnamese and in English.
    var labels: (vi: String, en: String) { get }
}

extension PageLabelled {
    /// The label in `locale`.
    func label(_ locale: DisplayLocale) -> String { locale == .vi ? labels.vi : labels.en }
}

extension Platform: PageLabelled {
    var labels: (vi: String, en: String) {
        switch self {
        case .facebook: ("Facebook", "Facebook")
        case .zalo: ("Zalo", "Zalo")
        case .tiktok: ("TikTok", "TikTok")
        case .instagram: ("Instagram", "Instagram")
        case .youtube: ("YouTube", "YouTube")
        case .other: ("Khác", "Other")
        }
    }
}

extension IncidentCategory: PageLabelled {
    var labels: (vi: String, en: String) {
        switch self {
        case .unverifiedInformation: ("Thông tin chưa được kiểm chứng", "Unverified information")
        case .falseInformation: ("Thông tin sai sự thật", "False information")
        case .sensitiveContent: ("Nội dung nhạy cảm", "Sensitive content")
        case .incitementSocialEvils:
            ("Dụ dỗ, lôi kéo, kích động tham gia tệ nạn xã hội", "Enticing, luring or inciting into social evils")
        case .schoolViolence: ("Bạo lực học đường", "School violence")
        case .lawViolationSigns: ("Dấu hiệu vi phạm pháp luật", "Signs of a violation of law")
        case .childAtRisk: ("Trẻ em có nguy cơ bị tổn hại", "A child at risk of harm")
        case .other: ("Khác", "Other")
        }
    }
}

extension Severity: PageLabelled {
    var labels: (vi: String, en: String) {
        switch self {
        case .low: ("Thấp", "Low")
        case .medium: ("Trung bình", "Medium")
        case .high: ("Cao", "High")
        case .critical: ("Nghiêm trọng", "Critical")
        }
    }
}

extension SubjectRole: PageLabelled {
    var labels: (vi: String, en: String) {
        switch self {
        case .student: ("Học sinh", "Student")
        case .teacher: ("Giáo viên", "Teacher")
        case .staff: ("Nhân viên", "Staff member")
        case .manager: ("Cán bộ quản lý", "Manager")
        }
    }

    /// The label for a person of this role at a school of `schoolKind`: a preschool's student
    /// is a child ("Trẻ"), not "Học sinh".
    func label(_ locale: DisplayLocale, at schoolKind: UnitKind?) -> String {
        self == .student && schoolKind == .preschool ? locale.text("Trẻ", "Child") : label(locale)
    }
}

extension ActionKind: PageLabelled {
    var labels: (vi: String, en: String) {
        switch self {
        case .contentRemoved: ("Đã gỡ bỏ nội dung", "Content taken down")
        case .correctionPublished: ("Đã đăng đính chính", "Correction published")
        case .policeNotified: ("Đã trao đổi với Công an cùng cấp", "Police at the same level informed")
        case .parentsInformed: ("Đã thông báo cho cha mẹ hoặc người giám hộ", "Parents or guardians informed")
        case .disciplinaryReview: ("Đã xem xét kỷ luật", "Disciplinary review held")
        case .authorityReported: ("Đã báo cáo cơ quan quản lý", "Reported to the supervising authority")
        case .takedownRequested:
            ("Đã đề nghị gỡ bỏ (nền tảng hoặc cơ quan có thẩm quyền)", "Takedown requested (platform or competent authority)")
        case .other: ("Hành động khác", "Other action")
        }
    }
}

extension ObligationKind: PageLabelled {
    var labels: (vi: String, en: String) {
        switch self {
        case .acknowledge: ("Xác nhận đã nhận thông tin", "Acknowledge the incident")
        case .takeDown: ("Gỡ bỏ thông tin sai trái", "Have the content taken down")
        case .publishCorrection: ("Đăng đính chính", "Publish a correction")
        case .notifyPolice: ("Trao đổi với Công an cùng cấp", "Work with the police at the same level")
        case .reportToAuthority: ("Báo cáo cơ quan quản lý", "Report to the supervising authority")
        case .acknowledgeReceipt: ("Xác nhận đã tiếp nhận báo cáo", "Acknowledge receipt of the report")
        case .followUpTakedown: ("Theo dõi việc gỡ bỏ đã đề nghị", "Follow up the takedown request")
        }
    }
}

extension ObligationStatus: PageLabelled {
    var labels: (vi: String, en: String) {
        switch self {
        case .open: ("Chưa hoàn thành", "Open")
        case .met: ("Đã hoàn thành", "Met")
        case .cancelled: ("Đã hủy", "Cancelled")
        }
    }
}

extension IncidentStatus: PageLabelled {
    var labels: (vi: String, en: String) {
        switch self {
        case .reported: ("Mới báo cáo", "Reported")
        case .acknowledged: ("Đã xác nhận", "Acknowledged")
        case .mitigating: ("Đang xử lý", "Being handled")
        case .resolved: ("Đã giải quyết", "Resolved")
        }
    }
}

extension Relation: PageLabelled {
    var labels: (vi: String, en: String) {
        switch self {
        case .schoolHead: ("Hiệu trưởng", "Principal")
        case .schoolDeputy: ("Phó hiệu trưởng", "Deputy principal")
        case .communePoliceLiaison: ("Công an xã, phường", "Commune police")
        case .provincialPoliceLiaison: ("Công an tỉnh", "Provincial police")
        case .authorityDesk: ("Đầu mối cơ quan quản lý", "Authority desk")
        case .authorityLeadership: ("Lãnh đạo phụ trách giáo dục", "Leadership for education")
        case .authorityHead: ("Thủ trưởng cơ quan quản lý", "Head of the authority")
        case .departmentLeadership: ("Lãnh đạo Sở GDĐT", "Department leadership")
        case .peoplesCommittee: ("Ủy ban nhân dân", "People's Committee")
        case .communePeoplesCommittee: ("Ủy ban nhân dân xã, phường", "Commune People's Committee")
        }
    }
}

extension EventType: PageLabelled {
    var labels: (vi: String, en: String) {
        switch self {
        case .incidentReported: ("Báo cáo sự việc", "Incident reported")
        case .incidentUpdated: ("Cập nhật thông tin", "Details updated")
        case .incidentAcknowledged: ("Đã xác nhận", "Acknowledged")
        case .actionRecorded: ("Ghi nhận hành động", "Action recorded")
        case .incidentEscalated: ("Báo cáo cấp trên chỉ đạo", "Escalated")
        case .incidentResolved: ("Đã giải quyết", "Resolved")
        case .incidentReopened: ("Mở lại", "Reopened")
        }
    }
}

/// Sentences more than one page shows.
enum PageSentences {
    /// Under an escalated obligation: "Đã báo cáo cấp trên chỉ đạo (lần 2)".
    static func escalated(_ level: Int, _ locale: DisplayLocale) -> String {
        locale.text("Đã báo cáo cấp trên chỉ đạo (lần \(level))", "Escalated for direction (level \(level))")
    }
}
