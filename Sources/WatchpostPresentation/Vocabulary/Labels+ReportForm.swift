extension Labels {
    static let reportForm: [String: Label] = [
        "lead": Label(
            "Ghi lại nội dung đã thấy trên mạng xã hội. Chỉ ghi vai trò của người liên quan, không ghi tên, số điện thoại hay địa chỉ của ai.",
            "Record content seen on a social network. Give the roles of the people involved, never their names, phone numbers or addresses."
        ),
        "sent": Label("Đã gửi báo cáo.", "The report was sent."),
        "alerting": Label(
            "Hệ thống đang báo cho hiệu trưởng và cơ quan quản lý.",
            "Watchpost is alerting the principal and the supervising authority."
        ),
        "seeIncident": Label("Xem sự việc", "See the incident"),
        "school": Label("Trường", "School"),
        "chooseSchool": Label("— Chọn trường —", "— Choose the school —"),
        "choose": Label("— Chọn —", "— Choose —"),
        "platform": Label("Mạng xã hội", "Social network"),
        "urls": Label("Đường dẫn tới nội dung", "Links to the content"),
        "category": Label("Loại sự việc", "Kind of incident"),
        "severity": Label("Mức độ", "Severity"),
        "subjects": Label("Người liên quan (chỉ vai trò)", "People involved (roles only)"),
        "subjectsHint": Label(
            "Không ghi tên học sinh, trẻ em: Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15 (có hiệu lực từ 01/01/2026) bảo vệ dữ liệu cá nhân của trẻ em.",
            "Never a student's name: the Personal Data Protection Law 91/2025/QH15 protects children's data."
        ),
        "summary": Label("Mô tả ngắn", "Short description"),
        "send": Label("Gửi báo cáo", "Send the report"),
        // The problems of the fields that are fixed sentences (ReportForm.validate).
        "schoolMissing": Label("Đề nghị chọn trường có sự việc.", "Choose the school concerned."),
        "platformMissing": Label("Đề nghị chọn mạng xã hội.", "Choose the social network."),
        "urlsMissing": Label(
            "Đề nghị dán ít nhất một đường dẫn tới nội dung.",
            "Paste at least one link to the content."
        ),
        "categoryMissing": Label("Đề nghị chọn loại sự việc.", "Choose what kind of incident it is."),
        "severityMissing": Label("Đề nghị chọn mức độ.", "Choose how serious it is."),
        "subjectsInvalid": Label("Có vai trò không hợp lệ.", "A role is not one of the choices."),
        "summaryMissing": Label("Đề nghị mô tả ngắn gọn sự việc.", "Describe the incident briefly."),
    ]
}
