import Yams

extension PolicyParser {
    /// `grouping`: a window per alert template (`windows`) and a per-recipient, per-channel
    /// `rate_limit` (`messages`, `per`). Optional; without it every alert goes at once.
    mutating func parseGrouping(_ node: Node?) -> AlertGrouping? {
        guard let map = reader.mapping(node, "`grouping`") else { return nil }
        reader.rejectUnknownKeys(map, allowed: ["windows", "rate_limit"], in: "`grouping`")
        var windows: [AlertTemplate: Duration] = [:]
        if let entries = reader.mapping(map["windows"], "`grouping.windows`") {
            for (key, value) in entries.mapping {
                guard let template = groupedTemplate(key),
                    let window = duration(value, "`grouping.windows.\(template.rawValue)`")
                else { continue }
                guard window <= AlertGrouping.longestWindow else {
                    reader.report(
                        value,
                        "`grouping.windows.\(template.rawValue)` is longer than "
                            + "\(DeadlineDuration.format(AlertGrouping.longestWindow)); an alert is never held longer"
                    )
                    continue
                }
                windows[template] = window
            }
        }
        var rateLimit: AlertGrouping.RateLimit?
        let what = "`grouping.rate_limit`"
        if map["rate_limit"] != nil, let entry = reader.mapping(map["rate_limit"], what) {
            reader.rejectUnknownKeys(entry, allowed: ["messages", "per"], in: what)
            var messages: Int?
            if let text = reader.required(entry, "messages", in: what) {
                if let count = Int(text), count >= 1 {
                    messages = count
                } else {
                    reader.report(
                        entry["messages"],
                        "`grouping.rate_limit.messages` must be a whole number of at least 1, not `\(text)`"
                    )
                }
            }
            if entry["per"] == nil { reader.report(entry.node, "\(what) is missing `per`") }
            let per = duration(entry["per"], "`grouping.rate_limit.per`")
            if let per, per > .seconds(86_400) {
                reader.report(entry["per"], "`grouping.rate_limit.per` must be at most 24h")
            } else if let messages, let per {
                rateLimit = AlertGrouping.RateLimit(messages: messages, per: per)
            }
        }
        if map["windows"] == nil && map["rate_limit"] == nil {
            reader.report(map.node, "`grouping` needs `windows`, `rate_limit` or both")
        }
        return AlertGrouping(windows: windows, rateLimit: rateLimit)
    }

    /// A template key under `grouping.windows`: a known template that may be held.
    private mutating func groupedTemplate(_ node: Node) -> AlertTemplate? {
        guard let text = reader.string(node, "a template under `grouping.windows`") else { return nil }
        guard let template = AlertTemplate(rawValue: text) else {
            let known = AlertTemplate.allCases.filter { !AlertGrouping.neverHeld.contains($0) }.map(\.rawValue)
            reader.report(
                node,
                "unknown template `\(text)` in `grouping.windows`; known templates: \(known.joined(separator: ", "))"
            )
            return nil
        }
        guard !AlertGrouping.neverHeld.contains(template) else {
            reader.report(
                node,
                "`grouping.windows.\(text)`: notices of failed deliveries are never held; remove this entry"
            )
            return nil
        }
        return template
    }
}
