extension Labels {
    /// The words of the period report page (`period-report.mustache`) and of its quick periods,
    /// which the overview shows too.
    static let periodReport: [String: Label] = [
        "lead": Label(
            "Số liệu của kỳ: sự việc, thời gian xác nhận và gỡ bỏ, nhiệm vụ đúng hạn và quá hạn theo trường và theo hiệu trưởng, số lần báo cáo cấp trên và trao đổi với Công an. Giờ Việt Nam.",
            "The period's figures: incidents, time to acknowledge and to take down, deadlines met and missed per school and per head, escalations and police referrals. Vietnam time."
        ),
        "notMade": Label(
            "Chưa lập được báo cáo: đề nghị sửa ngày.",
            "The report was not made: correct the dates."
        ),
        "quickPeriods": Label("Chọn nhanh kỳ báo cáo", "Quick periods"),
        "lastMonth": Label("Tháng trước", "Last month"),
        "thisMonth": Label("Tháng này", "This month"),
        "lastWeek": Label("Tuần trước", "Last week"),
        "from": Label("Từ ngày", "From"),
        "fromHint": Label("Ngày đầu tiên của kỳ.", "The first day of the period."),
        "to": Label("Đến trước ngày", "Until (not included)"),
        "toHint": Label(
            "Kỳ báo cáo kết thúc lúc 0 giờ ngày này (không tính ngày này).",
            "The period ends at midnight at the start of this day (the day is not included)."
        ),
        "show": Label("Xem báo cáo", "Show the report"),
        "period": Label("Kỳ báo cáo", "Period"),
        // The report's tables are Vietnamese with English in parentheses whatever the page's
        // language, and so is the cell of an empty table.
        "none": Label("Không có (none)", "Không có (none)"),
    ]
}
