import WatchpostCore
import WatchpostPresentation
import WatchpostNotify

/// The words the pages show for the closed vocabularies of the domain, in Vietnamese and
/// English. Categories, severities, platforms, obligations and relations take the alerts' words
/// (`TemplateStrings`), so a page and an alert name one thing alike; the rest are the pages' own.
/// The wire spellings (`school_violence`) never reach a reader.
protocol PageLabelled {
    /// The label in Vietnamese and in English.
    var labels: (vi: String, en: String) { get }
}

extension PageLabelled {
    /// The label in `locale`.
    func label(_ locale: DisplayLocale) -> String { locale == .vi ? labels.vi : labels.en }
}

/// A vocabulary the alerts also show: its words are the alerts' (`TemplateStrings`, checked
/// against docs/glossary.md), so a page and an alert name one thing alike.
protocol AlertLabelled: PageLabelled {
    /// The label in `strings`' language.
    func label(in strings: TemplateStrings) -> String
}

extension AlertLabelled {
    var labels: (vi: String, en: String) { (label(in: .vi), label(in: .en)) }
}

extension Platform: AlertLabelled {
    func label(in strings: TemplateStrings) -> String { strings.label(self) }
}

extension IncidentCategory: AlertLabelled {
    func label(in strings: TemplateStrings) -> String { strings.label(self) }
}

extension Severity: AlertLabelled {
    func label(in strings: TemplateStrings) -> String { strings.label(self) }
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
            (
                "Đã đề nghị gỡ bỏ (nền tảng hoặc cơ quan có thẩm quyền)",
                "Takedown requested (platform or competent authority)"
            )
        case .other: ("Hành động khác", "Other action")
        }
    }
}

extension ObligationKind: AlertLabelled {
    func label(in strings: TemplateStrings) -> String { strings.label(self) }
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

extension Relation: AlertLabelled {
    func label(in strings: TemplateStrings) -> String { strings.label(self) }
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
