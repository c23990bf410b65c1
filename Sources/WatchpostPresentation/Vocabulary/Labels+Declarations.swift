extension Labels {
    /// What the absences and closures pages share (issue 29).
    static let declarations: [String: Label] = [
        "firstDay": Label("Từ ngày", "From"),
        "lastDay": Label("Đến hết ngày", "Until the end of"),
        "reason": Label("Lý do", "Why"),
        "withdraw": Label("Hủy lịch này", "Withdraw it"),
        "inForce": Label("Đang áp dụng", "In force"),
        "cancelled": Label("Đã hủy", "Withdrawn"),
        "onDuty": Label("Cán bộ trực", "Duty officer"),
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
    ]

    /// "Lịch vắng mặt": an officer records their own leave, with who stands in.
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
        "save": Label("Ghi lịch vắng mặt", "Record the absence"),
        "delegate": Label("Người được giao thay", "Standing in"),
        "delegateHint": Label(
            "Cán bộ khác của đơn vị có thể xử lý sự việc. Nếu không giao ai, cơ quan quản lý được báo khi có sự việc.",
            "Another officer of your unit who can act. With nobody, your authority's desk is told when an incident comes."
        ),
        "nobody": Label("— Không giao người thay —", "— Nobody —"),
        "noDelegate": Label("Không giao người thay", "Nobody standing in"),
        "reasonHint": Label(
            "Ví dụ: Nghỉ phép năm; Đi công tác tại Sở.",
            "For example: annual leave; a mission to the Department."
        ),
        "delegateInvalid": Label(
            "Người được giao thay phải là cán bộ khác của đơn vị có thể xử lý sự việc.",
            "The officer standing in must be another officer of your unit who can act."
        ),
        "overlaps": Label(
            "Đã có lịch vắng mặt trùng những ngày này; đề nghị hủy lịch đó trước.",
            "Another absence covers some of these days; withdraw it first."
        ),
    ]

    /// "Lịch nghỉ đột xuất": an authority closes a unit and the units below it for some days.
    static let closures: [String: Label] = [
        "lead": Label(
            "Thông báo những ngày đơn vị nghỉ đột xuất (bão, lũ, dịch bệnh). Thời hạn tính theo giờ làm việc không tính những ngày này, kể cả thời hạn của các việc đang mở; thời hạn do pháp luật quy định vẫn tính theo lịch.",
            "Declare the days a unit is closed (a storm, a flood, an epidemic). Deadlines counted in working hours skip them, open ones included; deadlines the law sets still run on the calendar."
        ),
        "saved": Label("Đã ghi lịch nghỉ đột xuất.", "The closure was declared."),
        "withdrawn": Label("Đã hủy lịch nghỉ đột xuất.", "The closure was withdrawn."),
        "recorded": Label("Lịch nghỉ đột xuất đã thông báo", "Declared closures"),
        "none": Label("Chưa có lịch nghỉ đột xuất nào.", "No closure declared."),
        "new": Label("Thông báo lịch nghỉ đột xuất mới", "Declare a closure"),
        "save": Label("Thông báo lịch nghỉ", "Declare the closure"),
        "unit": Label("Đơn vị nghỉ", "Unit closed"),
        "unitHint": Label(
            "Chọn cơ quan quản lý để áp dụng cho mọi trường trực thuộc.",
            "Choose an authority to close every school under it."
        ),
        "choose": Label("— Chọn đơn vị —", "— Choose the unit —"),
        "reasonHint": Label("Ví dụ: Bão số 15.", "For example: typhoon no. 15."),
        "unitInvalid": Label("Đề nghị chọn đơn vị nghỉ.", "Choose the unit closed."),
    ]

    /// "Lịch trực": an authority names its after-hours duty officers for some days.
    static let duty: [String: Label] = [
        "lead": Label(
            "Phân công cán bộ trực ngoài giờ làm việc. Khi có việc khẩn cấp (sự việc nghiêm trọng, trẻ em có nguy cơ bị tổn hại) ngoài giờ làm việc, cán bộ trực được báo cùng người phải xử lý và có thể xác nhận thay.",
            "Name the officers on duty out of working hours. An urgent matter (a critical incident, a child at risk) out of hours also alerts the officer on duty, who may acknowledge it on the owner's behalf."
        ),
        "saved": Label("Đã ghi lịch trực.", "The duty period was recorded."),
        "withdrawn": Label("Đã hủy lịch trực.", "The duty period was withdrawn."),
        "recorded": Label("Lịch trực đã phân công", "Duty periods"),
        "none": Label("Chưa có lịch trực nào.", "No duty period recorded."),
        "new": Label("Phân công trực mới", "Name an officer on duty"),
        "save": Label("Ghi lịch trực", "Record the duty period"),
        "officer": Label("Cán bộ trực", "Officer on duty"),
        "officerHint": Label(
            "Lãnh đạo hoặc cán bộ của cơ quan quản lý có thể xử lý sự việc.",
            "A leader or officer of the authority who can act on incidents."
        ),
        "choose": Label("— Chọn cán bộ —", "— Choose the officer —"),
        "reasonHint": Label("Ví dụ: Trực Tết Nguyên đán.", "For example: Tết duty."),
        "officerInvalid": Label(
            "Đề nghị chọn cán bộ của cơ quan quản lý có thể xử lý sự việc.",
            "Choose an officer of the authority who can act on incidents."
        ),
    ]
}
