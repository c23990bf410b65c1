import Yams

extension PolicyParser {
    /// `pauses`: for an action, the obligations recording it pauses, each `- { kind, for, reason }`.
    /// Optional. Needs `reasons` parsed first.
    mutating func parsePauses(_ node: Node?) -> [ActionKind: [PauseSpec]] {
        parseByAction(node, section: "pauses") { parser, entry, action in parser.parsePause(entry, action: action) }
    }

    private mutating func parsePause(_ node: Node, action: String) -> PauseSpec? {
        let what = "a pause of `pauses.\(action)`"
        guard let pause = reader.mapping(node, what) else { return nil }
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
        guard let kind, let duration, let reason, let reasonID else { return nil }
        return PauseSpec(kind: kind, duration: duration, reason: reason, reasonID: reasonID)
    }
}
