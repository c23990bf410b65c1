/// The problems of a form, listed above it, each linking to its field (`{{#problems}}` in
/// `report-form.mustache` and `declarations.mustache`).
struct FormProblemsView: Sendable {
    /// One problem, linking to its field.
    struct Item: Sendable {
        let anchor: String
        let message: String
    }

    let heading: String
    let items: [Item]

    /// The problems of `fields`, or nil when none has one; `heading` says how many there are.
    init?(_ fields: [FieldView], heading: (Int) -> String) {
        let items = fields.compactMap { field in field.error.map { Item(anchor: field.name, message: $0) } }
        guard !items.isEmpty else { return nil }
        self.heading = heading(items.count)
        self.items = items
    }
}
