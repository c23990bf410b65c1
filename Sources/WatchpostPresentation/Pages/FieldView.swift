/// A form field with its label, hint and error tied to the control (`aria-describedby`,
/// `aria-invalid`), so a screen reader announces the problem with the field (`field.mustache`).
/// Build one with `select`, `textarea`, `text` or `choices`.
public struct FieldView: Sendable {
    /// What every field has.
    public struct Field: Sendable {
        /// The control's name and id.
        public var name: String
        /// The visible label.
        public var label: String
        /// Help shown under the label.
        public var hint: String?
        /// The problem, shown next to the field.
        public var error: String?

        /// A field.
        public init(name: String, label: String, hint: String? = nil, error: String? = nil) {
            self.name = name
            self.label = label
            self.hint = hint
            self.error = error
        }
    }

    struct Select: Sendable {
        struct Option: Sendable {
            let value: String
            let text: String
            let selected: Bool
        }
        let placeholder: String?
        let options: [Option]
    }

    struct Textarea: Sendable {
        let value: String
        let rows: Int
        let inputMode: String?
    }

    struct Input: Sendable {
        let type: String
        let value: String
    }

    struct Choices: Sendable {
        struct Option: Sendable {
            let id: String
            let value: String
            let text: String
            let checked: Bool
        }
        let type: String
        let columns: Bool
        let options: [Option]
    }

    let name: String
    /// The control's id: its name, unless one page has several controls of that name.
    let id: String
    let label: String
    let hint: String?
    let error: String?
    let invalid: Bool
    let describedBy: String?
    var select: Select? = nil
    var textarea: Textarea? = nil
    var input: Input? = nil
    var choices: Choices? = nil

    private init(_ field: Field, id: String? = nil) {
        name = field.name
        self.id = id ?? field.name
        label = field.label
        hint = field.hint
        error = field.error
        invalid = field.error != nil
        let ids = [field.hint.map { _ in "\(field.name)-hint" }, field.error.map { _ in "\(field.name)-error" }]
            .compactMap { $0 }
        describedBy = ids.isEmpty ? nil : ids.joined(separator: " ")
    }

    /// A `<select>` with `options` (value, text).
    public static func select(
        _ field: Field,
        options: [(String, String)],
        selected: String,
        placeholder: String?
    ) -> FieldView {
        var view = FieldView(field)
        view.select = Select(
            placeholder: placeholder,
            options: options.map { Select.Option(value: $0.0, text: $0.1, selected: $0.0 == selected) }
        )
        return view
    }

    /// A `<textarea>` holding `value`; `id` when the page has several fields named alike (the
    /// note of each of the incident page's forms), else the name.
    public static func textarea(
        _ field: Field,
        value: String,
        rows: Int,
        inputMode: String? = nil,
        id: String? = nil
    ) -> FieldView {
        var view = FieldView(field, id: id)
        view.textarea = Textarea(value: value, rows: rows, inputMode: inputMode)
        return view
    }

    /// A single-line input of `type` holding `value`.
    public static func text(_ field: Field, value: String, type: String = "text") -> FieldView {
        var view = FieldView(field)
        view.input = Input(type: type, value: value)
        return view
    }

    /// Radio buttons or check boxes (`type`) in a fieldset whose legend is the label.
    public static func choices(
        _ field: Field,
        type: String,
        options: [(String, String)],
        checked: [String],
        columns: Bool = false
    ) -> FieldView {
        var view = FieldView(field)
        view.choices = Choices(
            type: type,
            columns: columns,
            options: options.enumerated().map { index, option in
                Choices.Option(
                    id: "\(field.name)-\(index)",
                    value: option.0,
                    text: option.1,
                    checked: checked.contains(option.0)
                )
            }
        )
        return view
    }
}
