extension Labels {
    /// The words of the period report's table of alerts that did not reach officers (D61), in
    /// every format: Markdown, CSV, the web page and the administrative document.
    static let reportDeliveries: [String: Label] = [
        "title": Label(
            "Thông báo không đến được và cán bộ không liên lạc được",
            "alerts that did not reach and officers nobody could reach"
        ),
        "officerID": Label("Mã cán bộ", "officer id"),
        "officer": Label("Cán bộ", "officer"),
        "dead": Label("Gửi thất bại", "dead"),
        "delivered": Label("Đã gửi được", "delivered"),
        "confirmed": Label("Có báo đã đến", "reported reached"),
        "undelivered": Label("Có báo không đến được", "reported not delivered"),
        "unconfirmed": Label("Chưa có báo đã đến", "no receipt yet"),
        "unreachable": Label("Không liên lạc được", "unreachable"),
        "yes": Label("Có", "yes"),
        "no": Label("Không", "no"),
        "note": Label(
            "Đã gửi được: nhà cung cấp dịch vụ đã nhận chuyển tin. Có báo đã đến: nhà mạng hoặc Zalo báo tin đã đến máy của cán bộ, hoặc cán bộ đã nghe cuộc gọi; thư điện tử và webhook không có báo này. Không liên lạc được: không tin nào được biết là đã đến cán bộ, và có tin gửi thất bại hoặc được báo không đến được.",
            "Delivered: the provider accepted it. Reported reached: the network or Zalo reported it reached the officer's phone, or the officer answered the call; e-mail and webhooks send no such report. Unreachable: nothing is known to have reached the officer, and something failed or was reported not delivered."
        ),
    ]
}
