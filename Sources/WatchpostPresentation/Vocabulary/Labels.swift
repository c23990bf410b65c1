/// Every fixed word the pages show, by section, Vietnamese and English side by side. Templates
/// name a label `{{l.section.key}}`; code names it `Labels.label("section", "key")`.
/// `GlossaryWordingTests` reads the Vietnamese column against docs/glossary.md.
public enum Labels {
    /// The table.
    public static let table: [String: [String: Label]] = [
        "layout": layout
    ]

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
    ]
}
