import WatchpostCore

extension ReportFormPageView {
    /// The form's fields, in the page's order.
    static func fields(
        schools: [WatchpostCore.Unit],
        entries: Entries,
        problems: [String: String],
        locale: DisplayLocale
    ) -> [FieldView] {
        let label = { (key: String) in Labels.label("reportForm", key)(locale) }
        let field = { (name: String, hint: String?) in
            FieldView.Field(name: name, label: label(name), hint: hint, error: problems[name])
        }
        return [
            FieldView.select(
                field("school", nil),
                options: schools.map { ($0.id, locale == .en ? ($0.nameEN ?? $0.name) : $0.name) },
                selected: entries.school,
                placeholder: schools.count == 1 ? nil : label("chooseSchool")
            ),
            FieldView.select(
                field("platform", nil),
                options: Platform.allCases.map { ($0.rawValue, $0.label(locale)) },
                selected: entries.platform,
                placeholder: label("choose")
            ),
            FieldView.textarea(
                field(
                    "urls",
                    locale.text(
                        "Mỗi dòng một đường dẫn, bắt đầu bằng https://. Tối đa \(EventLimits.urlsPerEvent) đường dẫn.",
                        "One link a line, starting with https://. At most \(EventLimits.urlsPerEvent) links."
                    )
                ),
                value: entries.urls,
                rows: 3,
                inputMode: "url"
            ),
            FieldView.select(
                field("category", nil),
                options: IncidentCategory.allCases.map { ($0.rawValue, $0.label(locale)) },
                selected: entries.category,
                placeholder: label("choose")
            ),
            FieldView.choices(
                field("severity", nil),
                type: "radio",
                options: Severity.allCases.map { ($0.rawValue, $0.label(locale)) },
                checked: [entries.severity],
                columns: true
            ),
            FieldView.choices(
                field("subjects", label("subjectsHint")),
                type: "checkbox",
                options: SubjectRole.allCases.map { ($0.rawValue, $0.heading(locale, at: nil)) },
                checked: entries.subjects,
                columns: true
            ),
            FieldView.textarea(
                field(
                    "summary",
                    locale.text(
                        "Điều gì đã được đăng, ở đâu, ảnh hưởng thế nào. Tối đa \(EventLimits.summary) ký tự.",
                        "What was posted, where, and its effect. At most \(EventLimits.summary) characters."
                    )
                ),
                value: entries.summary,
                rows: 5
            ),
        ]
    }
}
