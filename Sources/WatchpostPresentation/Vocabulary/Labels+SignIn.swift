extension Labels {
    static let signIn: [String: Label] = [
        "title": Label("Đăng nhập", "Sign in"),
        "intro": Label(
            "Watchpost không dùng mật khẩu. Hệ thống sẽ gửi mã đăng nhập và liên kết đăng nhập qua các kênh đã đăng ký trong danh bạ (e-mail, SMS, Zalo).",
            "Watchpost has no passwords. We send a sign-in code and a sign-in link to the channels the directory has for you (e-mail, SMS, Zalo)."
        ),
        "who": Label("Mã cán bộ, e-mail hoặc số điện thoại", "Officer id, e-mail or phone number"),
        "send": Label("Gửi mã đăng nhập", "Send me a sign-in code"),
        "checkMessages": Label("Kiểm tra tin nhắn của đồng chí", "Check your messages"),
        "sent": Label(
            "Nếu thông tin này khớp với một cán bộ trong danh bạ, hệ thống đã gửi mã 6 chữ số và liên kết đăng nhập qua các kênh đã đăng ký. Mã và liên kết có hiệu lực 10 phút và chỉ dùng được một lần. Nếu yêu cầu lại trong thời gian đó, hệ thống gửi lại đúng mã này (một lần, sau ít nhất 1 phút).",
            "If this matches an officer in the directory, we have sent a 6-digit code and a sign-in link to their channels. They work for 10 minutes, once. Asking again within that time sends the same code again (once, after a minute or more)."
        ),
        "code": Label("Mã đăng nhập (6 chữ số)", "Sign-in code (6 digits)"),
        "signIn": Label("Đăng nhập", "Sign in"),
        "again": Label("Chưa nhận được mã? Yêu cầu lại", "No code? Ask again"),
        "linkIntro": Label(
            "Bấm nút dưới đây để đăng nhập vào Watchpost trên thiết bị này.",
            "Press the button to sign in to Watchpost on this device."
        ),
        "linkButton": Label("Đăng nhập vào Watchpost", "Sign in to Watchpost"),
        "tooMany": Label("Quá nhiều lần thử", "Too many attempts"),
        "cannotSignIn": Label("Không đăng nhập được", "Cannot sign in"),
        "newCode": Label("Yêu cầu mã mới", "Ask for a new code"),
        "acknowledge": Label("Xác nhận đã nhận thông tin", "Acknowledge"),
        "acknowledgeTitle": Label("Xác nhận đã nhận thông tin về sự việc", "Acknowledge an incident"),
        "acknowledged": Label("Đã xác nhận", "Acknowledged"),
        "acknowledgedText": Label(
            "Đã ghi nhận: đồng chí đã xác nhận đã nhận thông tin về sự việc. Hệ thống dừng nhắc việc xác nhận.",
            "Recorded: you have acknowledged the incident. Reminders to acknowledge it will stop."
        ),
        "linkCannotAcknowledge": Label("Không thể xác nhận bằng liên kết này", "This link cannot acknowledge"),
        "category": Label("Loại sự việc", "Category"),
        "status": Label("Tình trạng", "Status"),
        "reported": Label("Thời điểm phát hiện", "Reported"),
    ]
}
