import WatchpostCore
import WatchpostPresentation

/// Form fields with their label, hint and error tied to the control (`aria-describedby`,
/// `aria-invalid`), so a screen reader announces the problem with the field.
enum PageFields {
    /// What every field has.
    struct Field {
        /// The control's name and id.
        var name: String
        /// The visible label.
        var label: String
        /// Help shown under the label.
        var hint: String? = nil
        /// The problem, shown next to the field.
        var error: String? = nil
    }

    /// A `<select>` with `options` (value, text).
    static func select(_ field: Field, options: [(String, String)], selected: String, placeholder: String?) -> String {
        var items = placeholder.map { "<option value=\"\">\(HTML.escape($0))</option>" } ?? ""
        for (value, text) in options {
            let mark = value == selected ? " selected" : ""
            items += "<option value=\"\(HTML.escape(value))\"\(mark)>\(HTML.escape(text))</option>"
        }
        return wrap(
            field,
            control: "<select id=\"\(field.name)\" name=\"\(field.name)\"\(aria(field))>\(items)</select>"
        )
    }

    /// A `<textarea>` holding `value`.
    static func textarea(_ field: Field, value: String, rows: Int, inputMode: String? = nil) -> String {
        let mode = inputMode.map { " inputmode=\"\($0)\"" } ?? ""
        return wrap(
            field,
            control:
                "<textarea id=\"\(field.name)\" name=\"\(field.name)\" rows=\"\(rows)\"\(mode)\(aria(field))>\(HTML.escape(value))</textarea>"
        )
    }

    /// A single-line text input holding `value`.
    static func text(_ field: Field, value: String, type: String = "text") -> String {
        wrap(
            field,
            control:
                "<input type=\"\(type)\" id=\"\(field.name)\" name=\"\(field.name)\" value=\"\(HTML.escape(value))\"\(aria(field))>"
        )
    }

    /// Radio buttons or check boxes in a fieldset whose legend is the label.
    static func choices(
        _ field: Field,
        type: String,
        options: [(String, String)],
        checked: [String],
        columns: Bool = false
    ) -> String {
        var html =
            "<fieldset id=\"\(field.name)\" class=\"field\(field.error == nil ? "" : " invalid")\"\(describedBy(field))>"
        html += "<legend>\(HTML.escape(field.label))</legend>"
        html += notes(field)
        html += "<div class=\"choices\(columns ? " columns" : "")\">"
        for (index, (value, text)) in options.enumerated() {
            let id = "\(field.name)-\(index)"
            let mark = checked.contains(value) ? " checked" : ""
            html += """
                <label for="\(id)"><input type="\(type)" id="\(id)" name="\(field.name)" value="\(HTML.escape(value))"\(mark)>\
                \(HTML.escape(text))</label>
                """
        }
        return html + "</div></fieldset>"
    }

    private static func wrap(_ field: Field, control: String) -> String {
        """
        <div class="field\(field.error == nil ? "" : " invalid")"><label for="\(field.name)">\(HTML.escape(field.label))</label>\
        \(notes(field))\(control)</div>
        """
    }

    private static func notes(_ field: Field) -> String {
        var html = ""
        if let hint = field.hint {
            html += "<span class=\"hint\" id=\"\(field.name)-hint\">\(HTML.escape(hint))</span>"
        }
        if let error = field.error {
            html += "<span class=\"field-error\" id=\"\(field.name)-error\">\(HTML.escape(error))</span>"
        }
        return html
    }

    private static func describedBy(_ field: Field) -> String {
        let ids = [field.hint.map { _ in "\(field.name)-hint" }, field.error.map { _ in "\(field.name)-error" }]
            .compactMap { $0 }
        return ids.isEmpty ? "" : " aria-describedby=\"\(ids.joined(separator: " "))\""
    }

    private static func aria(_ field: Field) -> String {
        describedBy(field) + (field.error == nil ? "" : " aria-invalid=\"true\"")
    }
}
