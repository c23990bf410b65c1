import Yams

extension PolicyParser {
    /// `pauses`: for an action, the obligations recording it pauses, each `- { kind, for, reason }`.
    /// Optional. Needs `reasons` parsed first.
    mutating func parsePauses(_ node: Node?) -> [ActionKind: [PauseSpec]] {
        guard let map = reader.mapping(node, "`pauses`") else { return [:] }
        var pauses: [ActionKind: [PauseSpec]] = [:]
        for (key, value) in map.mapping {
            guard let text = reader.string(key, "an action") else { continue }
            guard let action = ActionKind(rawValue: text) else {
                let known = ActionKind.allCases.map(\.rawValue).joined(separator: ", ")
                reader.report(key, "unknown action `\(text)` in `pauses`; known actions: \(known)")
                continue
            }
            for entry in reader.list(value, "`pauses.\(text)`") {
                let what = "a pause of `pauses.\(text)`"
                guard let pause = reader.mapping(entry, what) else { continue }
                reader.rejectUnknownKeys(pause, allowed: ["kind", "for", "reason"], in: what)
                let kind = pause["kind"].flatMap { obligationKind($0) }
                if pause["kind"] == nil { reader.report(pause.node, "\(what) is missing `kind`") }
                let duration = duration(pause["for"], "`for`")
                if pause["for"] == nil { reader.report(pause.node, "\(what) is missing `for`") }
                var reason: DeadlineReason?
                let reasonID = reader.required(pause, "reason", in: what)
                if let reasonID {
                    reason = reasons[reasonID]
                    if reason == nil {
                        reader.report(pause["reason"], "unknown reason `\(reasonID)`; define it under `reasons`")
                    }
                }
                guard let kind, let duration, let reason, let reasonID else { continue }
                pauses[action, default: []].append(
                    PauseSpec(kind: kind, duration: duration, reason: reason, reasonID: reasonID)
                )
            }
        }
        return pauses
    }
}
