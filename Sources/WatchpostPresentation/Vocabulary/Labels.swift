/// Every fixed word Watchpost shows, by section, Vietnamese and English side by side: the names
/// of the closed vocabularies (which alerts, pages and reports share), the words several pages
/// share (`common`), and each page's own (their sections are in `Labels+Incident.swift` and its
/// siblings, one file a page). Templates name a label `{{l.section.key}}`; code names it
/// `Labels.label("section", "key")` or through the vocabulary's `label`. `HTMLTemplateTests`
/// fails when a template names a label the table lacks; `GlossaryWordingTests` reads the
/// Vietnamese column against docs/glossary.md.
public enum Labels {
    /// The table.
    public static let table: [String: [String: Label]] = [
        "category": category, "severity": severity, "platform": platform, "subjectRole": subjectRole,
        "obligation": obligation, "relation": relation, "title": title, "incidentStatus": incidentStatus,
        "action": action, "obligationStatus": obligationStatus, "event": event,
        "layout": layout, "common": common, "error": error, "cards": cards, "me": me, "incident": incident,
        "overview": overview,
        "periodReport": periodReport, "reportDeliveries": reportDeliveries, "reportForm": reportForm, "signIn": signIn,
        "reportDocument": reportDocument,
        "declarations": declarations, "absences": absences, "closures": closures, "duty": duty,
    ]

    // MARK: - The closed vocabularies, keyed by their wire spelling

    static let category: [String: Label] = [
        "unverified_information": Label("Thông tin chưa được kiểm chứng", "Unverified information"),
        "false_information": Label("Thông tin sai sự thật", "False information"),
        "sensitive_content": Label("Nội dung nhạy cảm", "Sensitive content"),
        "incitement_social_evils": Label(
            "Dụ dỗ, lôi kéo, kích động tham gia tệ nạn xã hội",
            "Enticing, luring or inciting into social evils"
        ),
        "school_violence": Label("Bạo lực học đường", "School violence"),
        "law_violation_signs": Label("Dấu hiệu vi phạm pháp luật", "Signs of a violation of law"),
        "child_at_risk": Label("Trẻ em có nguy cơ bị tổn hại", "Child at risk of harm"),
        "other": Label("Khác", "Other"),
    ]

    static let severity: [String: Label] = [
        "low": Label("Thấp", "Low"),
        "medium": Label("Trung bình", "Medium"),
        "high": Label("Cao", "High"),
        "critical": Label("Nghiêm trọng", "Critical"),
    ]

    static let platform: [String: Label] = [
        "facebook": Label("Facebook", "Facebook"),
        "zalo": Label("Zalo", "Zalo"),
        "tiktok": Label("TikTok", "TikTok"),
        "instagram": Label("Instagram", "Instagram"),
        "youtube": Label("YouTube", "YouTube"),
        "other": Label("Nền tảng khác", "another platform"),
    ]

    static let subjectRole: [String: Label] = [
        "student": Label("học sinh", "student"),
        "teacher": Label("giáo viên", "teacher"),
        "staff": Label("nhân viên", "staff member"),
        "manager": Label("cán bộ quản lý", "manager"),
        // How a student of a preschool is named: preschool children are not "học sinh".
        "preschool_student": Label("trẻ", "child"),
    ]

    static let obligation: [String: Label] = [
        "acknowledge": Label("Xác nhận đã nhận thông tin", "Acknowledge receipt"),
        "take_down": Label("Gỡ bỏ nội dung", "Have the content taken down"),
        "publish_correction": Label("Đăng thông tin đính chính", "Publish a correction"),
        "notify_police": Label("Trao đổi với Công an cùng cấp", "Work with the police at the same level"),
        "report_to_authority": Label("Báo cáo cơ quan quản lý giáo dục", "Report to the education authority"),
        "acknowledge_receipt": Label(
            "Xác nhận đã tiếp nhận báo cáo của nhà trường",
            "Confirm receipt of the school's report"
        ),
        "follow_up_takedown": Label("Theo dõi việc gỡ bỏ đã đề nghị", "Follow up the takedown request"),
    ]

    static let relation: [String: Label] = [
        "school_head": Label("Hiệu trưởng", "Principal"),
        "school_deputy": Label("Phó hiệu trưởng", "Deputy principal"),
        "commune_police_liaison": Label("Công an xã", "Police of the school's commune or ward"),
        "provincial_police_liaison": Label("Công an tỉnh", "Provincial police"),
        "authority_desk": Label("Đầu mối tiếp nhận của cơ quan quản lý giáo dục", "Education authority desk"),
        "authority_leadership": Label(
            "Lãnh đạo phụ trách giáo dục của cơ quan quản lý",
            "Education authority leadership"
        ),
        "authority_head": Label("Thủ trưởng cơ quan quản lý giáo dục", "Head of the education authority"),
        "department_leadership": Label(
            "Lãnh đạo Sở Giáo dục và Đào tạo",
            "Department of Education and Training leadership"
        ),
        "peoples_committee": Label("Ủy ban nhân dân nhận báo cáo", "People's Committee receiving reports"),
        "commune_peoples_committee": Label("Ủy ban nhân dân xã", "People's Committee of the school's commune or ward"),
        "duty_officer": Label("Cán bộ trực của cơ quan quản lý giáo dục", "Education authority duty officer"),
    ]

    /// How a message addresses someone holding a relation ("Đồng chí Hiệu trưởng"); `default`
    /// for a relation without its own.
    static let title: [String: Label] = [
        "default": Label("đồng chí", "Colleague"),
        "school_head": Label("đồng chí Hiệu trưởng", "Principal"),
        "school_deputy": Label("đồng chí Phó Hiệu trưởng", "Deputy principal"),
        "commune_police_liaison": Label("đồng chí cán bộ Công an xã", "Commune police officer"),
        "provincial_police_liaison": Label("đồng chí cán bộ Công an tỉnh", "Provincial police officer"),
        "authority_desk": Label(
            "đồng chí cán bộ tiếp nhận thông tin của cơ quan quản lý giáo dục",
            "Authority desk officer"
        ),
        "authority_leadership": Label("đồng chí lãnh đạo phụ trách giáo dục", "Education leadership"),
        "authority_head": Label("đồng chí Thủ trưởng cơ quan quản lý giáo dục", "Head of the education authority"),
        "department_leadership": Label("đồng chí lãnh đạo Sở Giáo dục và Đào tạo", "Department leadership"),
        "commune_peoples_committee": Label(
            "đồng chí lãnh đạo Ủy ban nhân dân xã",
            "Commune People's Committee leadership"
        ),
        "duty_officer": Label("đồng chí cán bộ trực của cơ quan quản lý giáo dục", "Authority duty officer"),
    ]

    static let incidentStatus: [String: Label] = [
        "reported": Label("Mới tiếp nhận, chưa có người xác nhận", "Reported, not yet acknowledged"),
        "acknowledged": Label("Đã xác nhận, chưa ghi nhận biện pháp xử lý", "Acknowledged, no action recorded yet"),
        "mitigating": Label("Đang xử lý", "Being handled"),
        "resolved": Label("Đã giải quyết", "Resolved"),
        "merged": Label("Đã gộp vào sự việc khác", "Merged into another incident"),
    ]

    static let action: [String: Label] = [
        "content_removed": Label("Đã gỡ bỏ nội dung", "Content taken down"),
        "correction_published": Label("Đã đăng đính chính", "Correction published"),
        "police_notified": Label("Đã trao đổi với Công an cùng cấp", "Police at the same level informed"),
        "parents_informed": Label("Đã thông báo cho cha mẹ hoặc người giám hộ", "Parents or guardians informed"),
        "disciplinary_review": Label("Đã xem xét kỷ luật", "Disciplinary review held"),
        "authority_reported": Label("Đã báo cáo cơ quan quản lý", "Reported to the supervising authority"),
        "takedown_requested": Label(
            "Đã đề nghị gỡ bỏ (nền tảng hoặc cơ quan có thẩm quyền)",
            "Takedown requested (platform or competent authority)"
        ),
        "other": Label("Hành động khác", "Other action"),
    ]

    static let obligationStatus: [String: Label] = [
        "open": Label("Chưa hoàn thành", "Open"),
        "met": Label("Đã hoàn thành", "Met"),
        "cancelled": Label("Đã hủy", "Cancelled"),
    ]

    static let event: [String: Label] = [
        "incident.reported": Label("Báo cáo sự việc", "Incident reported"),
        "incident.updated": Label("Cập nhật thông tin", "Details updated"),
        "incident.acknowledged": Label("Đã xác nhận", "Acknowledged"),
        "action.recorded": Label("Ghi nhận hành động", "Action recorded"),
        "incident.escalated": Label("Báo cáo cấp trên chỉ đạo", "Escalated"),
        "incident.resolved": Label("Đã giải quyết", "Resolved"),
        "incident.reopened": Label("Mở lại", "Reopened"),
        "incident.merged": Label("Gộp vào sự việc khác", "Merged into another incident"),
        "incident.unmerged": Label("Tách khỏi sự việc đã gộp", "Unmerged"),
    ]

    // MARK: - The pages' own words

    static let layout: [String: Label] = [
        "skip": Label("Bỏ qua, tới nội dung chính", "Skip to the main content"),
        "signOut": Label("Đăng xuất", "Sign out"),
        "pages": Label("Các trang", "Pages"),
        "footer": Label(
            "Watchpost · Giờ hiển thị theo giờ Việt Nam (UTC+7)",
            "Watchpost · Times are Vietnam time (UTC+7)"
        ),
        "myTasks": Label("Việc của tôi", "My tasks"),
        "report": Label("Báo cáo sự việc", "Report an incident"),
        "overview": Label("Tổng quan", "Overview"),
        "periodReport": Label("Báo cáo định kỳ", "Periodic report"),
        "absences": Label("Lịch vắng mặt", "Absences"),
        "closures": Label("Lịch nghỉ đột xuất", "Closures"),
        "duty": Label("Lịch trực", "Duty roster"),
    ]

    static let error: [String: Label] = [
        "invalid": Label("Yêu cầu chưa hợp lệ", "The request is not valid"),
        "signInNeeded": Label("Cần đăng nhập", "Sign-in needed"),
        "forbidden": Label("Không có quyền truy cập", "Not allowed"),
        "notFound": Label("Không tìm thấy", "Not found"),
        "conflict": Label("Đã có thay đổi khác", "Something else changed first"),
        "unavailable": Label("Tạm thời chưa thực hiện được", "Not possible just now"),
        "failed": Label("Đã có lỗi", "Something went wrong"),
        "code": Label("Mã lỗi", "Error code"),
        "backToMyTasks": Label("Về Việc của tôi", "Back to My tasks"),
        "signIn": Label("Đăng nhập", "Sign in"),
    ]

    /// Words several pages show for the same thing.
    static let common: [String: Label] = [
        "school": Label("Trường", "School"),
        "platform": Label("Mạng xã hội", "Social network"),
        "severity": Label("Mức độ", "Severity"),
        "reported": Label("Báo cáo lúc", "Reported"),
        "due": Label("Thời hạn: chậm nhất", "Due:"),
        "overdue": Label("QUÁ HẠN", "OVERDUE"),
        "workingClock": Label("tính theo giờ làm việc", "counted in working hours"),
        "openIncident": Label("Mở sự việc", "Open the incident"),
    ]

    static let cards: [String: Label] = [
        "nextDeadline": Label("Thời hạn gần nhất", "Next deadline")
    ]

    static let me: [String: Label] = [
        "nothingWaiting": Label("Hiện không có việc nào đang chờ đồng chí.", "Nothing is waiting for you."),
        "openTasks": Label("Việc đang chờ", "Open tasks"),
        "pastEveryDeadline": Label("Đã quá mọi hạn; vẫn phải hoàn thành", "Past every deadline; still owed"),
        "othersHeading": Label("Sự việc đang mở đồng chí theo dõi", "Open incidents you can follow"),
    ]

    /// The fixed words of the report document (Decree 30/2020/NĐ-CP, Appendix I).
    static let reportDocument: [String: Label] = [
        "report": Label("Báo cáo", "Report"),
        "heading": Label("BÁO CÁO", "REPORT"),
        "draft": Label("DỰ THẢO", "DRAFT"),
        "republic": Label("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIET NAM"),
        "motto": Label("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"),
        "number": Label("Số:", "No."),
        "figure": Label("Biểu đồ", "Figure"),
        "recipients": Label("Nơi nhận:", "Recipients:"),
        "none": Label("Không có.", "None."),
    ]
}
