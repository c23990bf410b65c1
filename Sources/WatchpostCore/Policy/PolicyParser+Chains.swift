import Yams

extension PolicyParser {
    mutating func parseChains(_ node: Node?) {
        guard let map = reader.mapping(node, "`escalation_chains`") else {
            if node == nil { reader.report(line: 1, "the policy is missing `escalation_chains`") }
            return
        }
        for (key, value) in map.mapping {
            guard let name = reader.string(key, "a chain name"), let chain = reader.mapping(value, "chain `\(name)`")
            else {
                continue
            }
            reader.rejectUnknownKeys(
                chain,
                allowed: ["levels", "continue_with", "after_last_level"],
                in: "chain `\(name)`"
            )
            var raw = RawChain(
                levels: [],
                levelLines: [],
                continueWith: nil,
                continueNode: nil,
                line: key.mark?.line ?? 0
            )
            raw.afterLast = parseAfterLastLevel(chain["after_last_level"], chain: name)
            for levelNode in reader.list(chain["levels"], "`levels` of chain `\(name)`") {
                guard let level = reader.mapping(levelNode, "a level of chain `\(name)`") else { continue }
                reader.rejectUnknownKeys(
                    level,
                    allowed: ["notify", "deadline", "call"],
                    in: "a level of chain `\(name)`"
                )
                let notify = relations(level["notify"], "`notify`")
                if notify.isEmpty { reader.report(level.node, "a level of chain `\(name)` notifies nobody") }
                let call = level["call"].map { relations($0, "`call`") } ?? []
                raw.levels.append(
                    EscalationLevel(notify: notify, deadline: duration(level["deadline"], "`deadline`"), call: call)
                )
                raw.levelLines.append(level.line)
            }
            if raw.levels.isEmpty { reader.report(key, "chain `\(name)` has no `levels`") }
            if let next = chain["continue_with"] {
                raw.continueWith = reader.string(next, "`continue_with`")
                raw.continueNode = next
            }
            if raw.afterLast != .stop, chain["continue_with"] != nil {
                reader.report(
                    chain.keyNode("after_last_level"),
                    "chain `\(name)` continues with another chain: write `after_last_level` on the chain that ends"
                )
                raw.afterLast = .stop
            }
            rawChains[name] = raw
        }
    }

    /// `after_last_level`: `stop` (the default), `repeat` (the chain again from level 1), or
    /// `{ remind_every: 4h }` (the last level told again at that interval until the obligation
    /// is met).
    private mutating func parseAfterLastLevel(_ node: Node?, chain: String) -> AfterLastLevel {
        guard let node else { return .stop }
        let what = "`after_last_level` of chain `\(chain)`"
        if case .scalar(let scalar) = node {
            switch scalar.string {
            case "stop": return .stop
            case "repeat": return .repeatChain
            default:
                reader.report(node, "\(what) must be `stop`, `repeat` or `{ remind_every: <duration> }`")
                return .stop
            }
        }
        guard let map = reader.mapping(node, what) else { return .stop }
        reader.rejectUnknownKeys(map, allowed: ["remind_every"], in: what)
        guard map["remind_every"] != nil else {
            reader.report(node, "\(what) is missing `remind_every`")
            return .stop
        }
        guard let every = duration(map["remind_every"], "`remind_every`") else { return .stop }
        return .remind(every: every)
    }

    /// Joins each chain with the chains it continues with, and checks that the result stops:
    /// no loop through `continue_with`, at most `Policy.maximumChainLevels` levels, a deadline on
    /// every level but the last and none on the last.
    mutating func joinChains() -> [String: EscalationChain] {
        var chains: [String: EscalationChain] = [:]
        for name in rawChains.keys.sorted() {
            guard let raw = rawChains[name] else { continue }
            var levels: [EscalationLevel] = []
            var lines: [Int] = []
            var visited: [String] = []
            var current: String? = name
            var afterLast = AfterLastLevel.stop
            var valid = true
            while let chainName = current {
                if visited.contains(chainName) {
                    let loop = (visited + [chainName]).joined(separator: " → ")
                    reader.report(raw.continueNode, "escalation chain `\(name)` does not terminate: it loops \(loop)")
                    valid = false
                    break
                }
                guard let part = rawChains[chainName] else {
                    // Reported once, below, as an unknown chain at the `continue_with` line.
                    valid = false
                    break
                }
                visited.append(chainName)
                levels += part.levels
                lines += part.levelLines
                afterLast = part.afterLast
                current = part.continueWith
            }
            if let next = raw.continueWith, rawChains[next] == nil {
                reader.report(raw.continueNode, "chain `\(name)` continues with unknown chain `\(next)`")
            }
            guard valid else { continue }
            if levels.count > Policy.maximumChainLevels {
                reader.report(
                    line: raw.line,
                    "escalation chain `\(name)` has \(levels.count) levels; at most \(Policy.maximumChainLevels) are allowed"
                )
                continue
            }
            if raw.continueWith == nil {
                checkDeadlines(levels, lines: lines, chain: name, afterLast: afterLast)
            } else {
                for (index, level) in raw.levels.enumerated() where level.deadline == nil {
                    reader.report(
                        line: raw.levelLines[index],
                        "level \(index + 1) of chain `\(name)` needs a `deadline`: the chain continues after it"
                    )
                }
            }
            chains[name] = EscalationChain(name: name, levels: levels, afterLast: afterLast)
        }
        return chains
    }

    /// Reported once per written chain (not again for every chain that continues with it). The
    /// last level has a deadline exactly when the chain repeats after it.
    private mutating func checkDeadlines(
        _ levels: [EscalationLevel],
        lines: [Int],
        chain: String,
        afterLast: AfterLastLevel
    ) {
        for (index, level) in levels.enumerated() {
            let isLast = index == levels.count - 1
            if !isLast && level.deadline == nil {
                reader.report(
                    line: lines[index],
                    "level \(index + 1) of chain `\(chain)` needs a `deadline` before level \(index + 2)"
                )
            }
            guard isLast else { continue }
            switch afterLast {
            case .repeatChain where level.deadline == nil:
                reader.report(
                    line: lines[index],
                    "the last level of chain `\(chain)` needs a `deadline`: the chain repeats after it"
                )
            case .stop where level.deadline != nil, .remind where level.deadline != nil:
                reader.report(
                    line: lines[index],
                    "the last level of chain `\(chain)` has a `deadline`, but no level follows it"
                        + (afterLast == .stop ? "" : " (`remind_every` sets how often it is told again)")
                )
            default: break
            }
        }
    }
}
