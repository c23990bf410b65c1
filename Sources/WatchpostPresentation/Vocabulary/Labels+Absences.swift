extension Labels {
    /// "Lịch vắng mặt": an officer records their own leave, with who stands in (issue 29).
    static let absences: [String: Label] = [
        "lead": Label(
            "Ghi lịch nghỉ phép, đi công tác hoặc vắng mặt của đồng chí. Trong những ngày này, thông báo và việc phải làm của đồng chí được chuyển cho người được giao thay; báo cáo tính những việc đó cho người được giao thay.",
            "Record your leave, a mission or another absence. Meanwhile your alerts and tasks go to the officer standing in, and the report counts them for that officer."
        ),
        "saved": Label("Đã ghi lịch vắng mặt.", "The absence was recorded."),
        "withdrawn": Label(
            "Đã hủy lịch vắng mặt; việc được chuyển lại cho đồng chí.",
            "The absence was withdrawn; your tasks come back to you."
        ),
        "recorded": Label("Lịch vắng mặt đã ghi", "Recorded absences"),
        "none": Label("Chưa có lịch vắng mặt nào.", "No absence recorded."),
        "new": Label("Ghi lịch vắng mặt mới", "Record an absence"),
        "firstDay": Label("Từ ngày", "From"),
        "lastDay": Label("Đến hết ngày", "Until the end of"),
        "delegate": Label("Người được giao thay", "Standing in"),
        "delegateHint": Label(
            "Cán bộ khác của đơn vị có thể xử lý sự việc. Nếu không giao ai, cơ quan quản lý được báo khi có sự việc.",
            "Another officer of your unit who can act. With nobody, your authority's desk is told when an incident comes."
        ),
        "nobody": Label("— Không giao người thay —", "— Nobody —"),
        "reason": Label("Lý do", "Why"),
        "reasonHint": Label(
            "Ví dụ: Nghỉ phép năm; Đi công tác tại Sở.",
            "For example: annual leave; a mission to the Department."
        ),
        "save": Label("Ghi lịch vắng mặt", "Record the absence"),
        "withdraw": Label("Hủy lịch này", "Withdraw it"),
        "inForce": Label("Đang áp dụng", "In force"),
        "cancelled": Label("Đã hủy", "Withdrawn"),
        "noDelegate": Label("Không giao người thay", "Nobody standing in"),
        // The problems of the fields.
        "firstDayInvalid": Label(
            "Đề nghị chọn ngày bắt đầu, không quá một năm kể từ hôm nay.",
            "Choose the first day, within a year from today."
        ),
        "lastDayInvalid": Label(
            "Đề nghị chọn ngày kết thúc: không trước ngày bắt đầu, không trước hôm nay, không quá một năm.",
            "Choose the last day: not before the first day or today, within a year."
        ),
        "reasonInvalid": Label("Đề nghị ghi lý do, tối đa 200 ký tự.", "Give the reason, at most 200 characters."),
        "delegateInvalid": Label(
            "Người được giao thay phải là cán bộ khác của đơn vị có thể xử lý sự việc.",
            "The officer standing in must be another officer of your unit who can act."
        ),
        "overlaps": Label(
            "Đã có lịch vắng mặt trùng những ngày này; đề nghị hủy lịch đó trước.",
            "Another absence covers some of these days; withdraw it first."
        ),
    ]
}
