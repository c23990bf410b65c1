extension Labels {
    /// The words of the authority's overview (`overview.mustache`).
    static let overview: [String: Label] = [
        "openIncidents": Label("Sự việc đang mở", "Open incidents"),
        "overdueObligations": Label("Việc quá hạn", "Overdue obligations"),
        "alertsThatDied": Label("Cảnh báo không gửi được", "Alerts that died"),
        "cannotBeReached": Label("Không liên lạc được", "Cannot be reached"),
        "perSchool": Label("Sự việc đang mở theo trường", "Open incidents per school"),
        "noSchoolOpen": Label("Không trường nào có sự việc đang mở.", "No school has an open incident."),
        "open": Label("Đang mở", "Open"),
        "overdue": Label("Quá hạn", "Overdue"),
        "noOverdue": Label("Không có việc nào quá hạn.", "No obligation is overdue."),
        "nobodyOwns": Label("chưa có người đảm nhận", "nobody"),
        "undelivered": Label("Cảnh báo không gửi được", "Alerts that could not be delivered"),
        "everyAlertSent": Label(
            "Mọi cảnh báo đều đã gửi được hoặc đang gửi.",
            "Every alert was delivered or is still being sent."
        ),
        "unreachable": Label("Cán bộ không liên lạc được", "Officers nobody can reach"),
        "channelsUnreadable": Label(
            "Không đọc được cấu hình kênh gửi tin của máy chủ này; đề nghị báo bộ phận vận hành.",
            "The channel settings of this server cannot be read; tell the operators."
        ),
        "everyoneReachable": Label(
            "Mọi người cần nhận cảnh báo đều liên lạc được.",
            "Everyone who must be alerted can be reached."
        ),
        "schoolUnreachable": Label("Không ai nhận được cảnh báo", "Nobody can be alerted"),
        "neededAs": Label("Vai trò cần có", "Needed as"),
        "noChannel": Label("Chưa có kênh liên lạc nào trong danh bạ.", "No channel in the directory."),
        "onlyInvalidAddresses": Label(
            "Mọi địa chỉ liên lạc trong danh bạ đều sai.",
            "Every address in the directory is invalid."
        ),
        "noConfiguredChannel": Label(
            "Kênh liên lạc của cán bộ chưa được cấu hình ở máy chủ.",
            "Their channels are not configured on this server."
        ),
        "nobodyReachable": Label("Không ai nhận được cảnh báo.", "Nobody can be alerted."),
        "openPeriodReport": Label("Mở báo cáo định kỳ", "Open the periodic report"),
        "periodReportLead": Label(
            "Số liệu theo kỳ của các trường thuộc phạm vi quản lý: sự việc, thời gian xử lý, việc đúng hạn và quá hạn.",
            "The figures of a period for your schools: incidents, response times, deadlines met and missed."
        ),
    ]
}
