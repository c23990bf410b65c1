import Yams

extension PolicyParser {
    /// `follow_ups`: for an action kind, the obligations recording it opens, written as a rule's
    /// obligations are. Optional. Needs `reasons` and `met_by` parsed first.
    mutating func parseFollowUps(_ node: Node?) -> [ActionKind: [ObligationSpec]] {
        parseByAction(node, section: "follow_ups") { parser, entry, action in
            parser.parseObligation(entry, rule: "follow_ups.\(action)")
        }
    }

    /// A section keyed by action kind (`follow_ups`, `pauses`): each key an action, each value a
    /// list whose entries `entry` parses (given the action's spelling). Unknown actions are
    /// reported with the known ones.
    mutating func parseByAction<Value>(
        _ node: Node?,
        section: String,
        _ entry: (inout PolicyParser, Node, String) -> Value?
    ) -> [ActionKind: [Value]] {
        guard let map = reader.mapping(node, "`\(section)`") else { return [:] }
        var result: [ActionKind: [Value]] = [:]
        for (key, value) in map.mapping {
            guard let text = reader.string(key, "an action") else { continue }
            guard let action = ActionKind(rawValue: text) else {
                let known = ActionKind.allCases.map(\.rawValue).joined(separator: ", ")
                reader.report(key, "unknown action `\(text)` in `\(section)`; known actions: \(known)")
                continue
            }
            for item in reader.list(value, "`\(section).\(text)`") {
                if let parsed = entry(&self, item, text) { result[action, default: []].append(parsed) }
            }
        }
        return result
    }
}
