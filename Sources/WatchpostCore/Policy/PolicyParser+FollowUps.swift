import Yams

extension PolicyParser {
    /// `follow_ups`: for an action kind, the obligations recording it opens, written as a rule's
    /// obligations are. Optional. Needs `reasons` and `met_by` parsed first.
    mutating func parseFollowUps(_ node: Node?) -> [ActionKind: [ObligationSpec]] {
        guard let map = reader.mapping(node, "`follow_ups`") else { return [:] }
        var followUps: [ActionKind: [ObligationSpec]] = [:]
        for (key, value) in map.mapping {
            guard let text = reader.string(key, "an action") else { continue }
            guard let action = ActionKind(rawValue: text) else {
                let known = ActionKind.allCases.map(\.rawValue).joined(separator: ", ")
                reader.report(key, "unknown action `\(text)` in `follow_ups`; known actions: \(known)")
                continue
            }
            for entry in reader.list(value, "`follow_ups.\(text)`") {
                if let spec = parseObligation(entry, rule: "follow_ups.\(text)") {
                    followUps[action, default: []].append(spec)
                }
            }
        }
        return followUps
    }
}
