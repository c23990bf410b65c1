import Yams

extension PolicyParser {
    /// `trusted_tools`: the names (`source.id`) of the tools whose summaries alerts may quote.
    /// Optional; without it no tool's summary reaches an alert. Each entry is one tool name of
    /// letters, digits, `-`, `_` or `.`, listed once.
    mutating func parseTrustedTools(_ node: Node?) -> Set<String> {
        var tools: Set<String> = []
        for entry in reader.list(node, "`trusted_tools`") {
            guard case .scalar = entry else {
                reader.report(entry, "each entry of `trusted_tools` must be a tool name such as `fb-crawler`")
                continue
            }
            guard let name = reader.string(entry, "a `trusted_tools` entry") else { continue }
            guard Self.isToolName(name) else {
                reader.report(
                    entry,
                    "`\(name)` is not a tool name: write the tool's `source.id` (letters, digits, `-`, `_`, `.`; "
                        + "at most \(EventLimits.sourceID) characters)"
                )
                continue
            }
            guard tools.insert(name).inserted else {
                reader.report(entry, "tool `\(name)` is listed twice in `trusted_tools`")
                continue
            }
        }
        return tools
    }

    /// Whether `name` can be a tool's `source.id` in `trusted_tools`.
    static func isToolName(_ name: String) -> Bool {
        name.utf8.count <= EventLimits.sourceID
            && name.unicodeScalars.allSatisfy { scalar in
                scalar.isASCII
                    && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                        || "-_.".unicodeScalars.contains(scalar))
            }
    }
}
