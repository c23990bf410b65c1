/// One `name=value` item of a link's query, as written.
struct QueryItem: Sendable, Hashable {
    /// The item as written, e.g. `utm_source=copy`.
    var text: Substring
    /// The text before the first `=`.
    var name: Substring
    /// The text after the first `=`; nil when there is no `=`.
    var value: Substring?

    /// The non-empty items of `query`, in order.
    static func items(of query: String?) -> [QueryItem] {
        (query ?? "").split(separator: "&", omittingEmptySubsequences: true).map { text in
            let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return QueryItem(text: text, name: parts[0], value: parts.count > 1 ? parts[1] : nil)
        }
    }
}

/// A list of query parameter names, compared case-insensitively; an entry ending in `*` stands for
/// every name that starts with the text before it (`utm_*`).
struct ParameterList: Sendable, ExpressibleByArrayLiteral {
    /// The entries as written in the table.
    let entries: [String]
    private var names: Set<String> = []
    private var prefixes: [String] = []

    init(arrayLiteral entries: String...) {
        self.entries = entries
        for entry in entries.map({ $0.lowercased() }) {
            if entry.hasSuffix("*") { prefixes.append(String(entry.dropLast())) } else { names.insert(entry) }
        }
    }

    /// Whether `name` is on the list.
    func contains(_ name: some StringProtocol) -> Bool {
        let name = name.lowercased()
        return names.contains(name) || prefixes.contains { name.hasPrefix($0) }
    }
}
