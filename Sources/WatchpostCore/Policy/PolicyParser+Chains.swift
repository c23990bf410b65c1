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
            reader.rejectUnknownKeys(chain, allowed: ["levels", "continue_with"], in: "chain `\(name)`")
            var raw = RawChain(
                levels: [],
                levelLines: [],
                continueWith: nil,
                continueNode: nil,
                line: key.mark?.line ?? 0
            )
            for levelNode in reader.list(chain["levels"], "`levels` of chain `\(name)`") {
                guard let level = reader.mapping(levelNode, "a level of chain `\(name)`") else { continue }
                reader.rejectUnknownKeys(level, allowed: ["notify", "deadline"], in: "a level of chain `\(name)`")
                let notify = relations(level["notify"], "`notify`")
                if notify.isEmpty { reader.report(level.node, "a level of chain `\(name)` notifies nobody") }
                raw.levels.append(EscalationLevel(notify: notify, deadline: duration(level["deadline"], "`deadline`")))
                raw.levelLines.append(level.line)
            }
            if raw.levels.isEmpty { reader.report(key, "chain `\(name)` has no `levels`") }
            if let next = chain["continue_with"] {
                raw.continueWith = reader.string(next, "`continue_with`")
                raw.continueNode = next
            }
            rawChains[name] = raw
        }
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
                checkDeadlines(levels, lines: lines, chain: name)
            } else {
                for (index, level) in raw.levels.enumerated() where level.deadline == nil {
                    reader.report(
                        line: raw.levelLines[index],
                        "level \(index + 1) of chain `\(name)` needs a `deadline`: the chain continues after it"
                    )
                }
            }
            chains[name] = EscalationChain(name: name, levels: levels)
        }
        return chains
    }

    /// Reported once per written chain (not again for every chain that continues with it).
    private mutating func checkDeadlines(_ levels: [EscalationLevel], lines: [Int], chain: String) {
        for (index, level) in levels.enumerated() {
            let isLast = index == levels.count - 1
            if !isLast && level.deadline == nil {
                reader.report(
                    line: lines[index],
                    "level \(index + 1) of chain `\(chain)` needs a `deadline` before level \(index + 2)"
                )
            }
            if isLast && level.deadline != nil {
                reader.report(
                    line: lines[index],
                    "the last level of chain `\(chain)` has a `deadline`, but no level follows it"
                )
            }
        }
    }
}
