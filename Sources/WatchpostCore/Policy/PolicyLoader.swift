import Foundation
import Yams

extension Policy {
    /// Loads and validates a policy from YAML text; `file` names it in problem messages.
    ///
    /// - Throws: `ConfigError` listing every problem as `file:line: message`.
    public static func load(yaml: String, file: String) throws(ConfigError) -> Policy {
        var parser = PolicyParser(reader: ConfigReader(file: file))
        let policy = parser.parse(yaml)
        guard let policy, parser.reader.problems.isEmpty else {
            var problems = parser.reader.problems.sorted { $0.line < $1.line }
            if problems.isEmpty { problems = [ConfigProblem(file: file, line: 1, message: "the policy is empty")] }
            throw ConfigError(problems: problems)
        }
        return policy
    }

    /// Loads and validates a policy from a file; messages name the file's path.
    ///
    /// - Throws: `ConfigError`, also when the file cannot be read.
    public static func load(contentsOf url: URL) throws(ConfigError) -> Policy {
        try load(yaml: readConfigFile(url), file: url.path)
    }
}

/// Turns the composed YAML of `routing.yaml` into a `Policy`, collecting every problem.
struct PolicyParser {
    var reader: ConfigReader
    var reasons: [String: DeadlineReason] = [:]
    /// The reasons whose legal basis sets the hours (`law_sets_hours: true`): never working time.
    var reasonsSettingHours: Set<String> = []
    /// What meets each obligation kind, once `met_by` is parsed; `nil` when it is missing.
    var triggers: [ObligationKind: [ObligationTrigger]]?
    /// Chains as written, before joining `continue_with`, with the lines to report against.
    var rawChains: [String: RawChain] = [:]
    /// Every place a chain is named, to report unknown names at the right line.
    var chainReferences: [(name: String, node: Node)] = []

    struct RawChain {
        var levels: [EscalationLevel]
        var levelLines: [Int]
        var continueWith: String?
        var continueNode: Node?
        var line: Int
        var afterLast: AfterLastLevel = .stop
    }

    mutating func parse(_ yaml: String) -> Policy? {
        guard let root = reader.compose(yaml), let top = reader.mapping(root, "the policy") else { return nil }
        let keys = [
            "version", "reasons", "met_by", "escalation_chains", "manual_escalation_chain", "rules", "retention",
            "reports",
            "trusted_tools", "conflict_of_interest", "follow_ups", "pauses", "grouping",
        ]
        reader.rejectUnknownKeys(top, allowed: keys, in: "the policy")
        if let version = top["version"], version.int != 1 {
            reader.report(version, "unsupported policy `version`; this Watchpost reads version 1")
        }
        parseReasons(top["reasons"])
        let retention = parseRetention(top["retention"])
        let reports = parseReports(top["reports"])
        triggers = parseTriggers(top["met_by"])
        parseChains(top["escalation_chains"])
        let manualChain = reader.string(top["manual_escalation_chain"], "`manual_escalation_chain`")
        if let node = top["manual_escalation_chain"], let manualChain { chainReferences.append((manualChain, node)) }
        if manualChain == nil { reader.report(root, "the policy is missing `manual_escalation_chain`") }
        var rules: [RoutingRule] = []
        for node in reader.list(top["rules"], "`rules`") {
            if let rule = parseRule(node) { rules.append(rule) }
        }
        if rules.isEmpty { reader.report(root, "the policy has no `rules`: no incident would reach anyone") }
        let followUps = parseFollowUps(top["follow_ups"])
        let pauses = parsePauses(top["pauses"])
        let chains = joinChains()
        for (name, node) in chainReferences where chains[name] == nil && rawChains[name] == nil {
            reader.report(
                node,
                "unknown escalation chain `\(name)`; defined chains: \(rawChains.keys.sorted().joined(separator: ", "))"
            )
        }
        var policy = Policy(
            rules: rules,
            triggers: triggers ?? [:],
            chains: chains,
            manualChain: manualChain ?? "",
            retention: retention,
            reports: reports
        )
        policy.trustedTools = parseTrustedTools(top["trusted_tools"])
        policy.conflictOfInterest = parseConflictOfInterest(top["conflict_of_interest"], rules: rules)
        policy.followUps = followUps
        policy.pauses = pauses
        policy.grouping = parseGrouping(top["grouping"])
        return policy
    }

    private mutating func parseReasons(_ node: Node?) {
        guard let map = reader.mapping(node, "`reasons`") else { return }
        for (key, value) in map.mapping {
            guard let id = reader.string(key, "a reason id"), let entry = reader.mapping(value, "reason `\(id)`") else {
                continue
            }
            reader.rejectUnknownKeys(
                entry,
                allowed: ["vi", "en", "legal_basis", "law_sets_hours"],
                in: "reason `\(id)`"
            )
            if let node = entry["law_sets_hours"] {
                switch node.string {
                case "true": reasonsSettingHours.insert(id)
                case "false": break
                default: reader.report(node, "reason `\(id)`: `law_sets_hours` must be true or false")
                }
            }
            guard let vi = reader.required(entry, "vi", in: "reason `\(id)`"),
                let en = reader.required(entry, "en", in: "reason `\(id)`"),
                let basis = reader.required(entry, "legal_basis", in: "reason `\(id)`")
            else { continue }
            reasons[id] = DeadlineReason(vi: vi, en: en, legalBasis: basis)
        }
    }

    /// Every kind's triggers. Whether each obligation a rule opens can be met by its owner is
    /// checked at that obligation (`checkCanBeMet`); a kind no rule uses needs no entry.
    private mutating func parseTriggers(_ node: Node?) -> [ObligationKind: [ObligationTrigger]]? {
        guard let map = reader.mapping(node, "`met_by`") else {
            if node == nil { reader.report(line: 1, "the policy is missing `met_by`: no obligation could ever be met") }
            return nil
        }
        var triggers: [ObligationKind: [ObligationTrigger]] = [:]
        for (key, value) in map.mapping {
            guard let kind = obligationKind(key) else { continue }
            for entry in reader.list(value, "`met_by` of \(kind.rawValue)") {
                if let trigger = parseTrigger(entry, kind: kind) { triggers[kind, default: []].append(trigger) }
            }
        }
        return triggers
    }

    private mutating func parseTrigger(_ node: Node, kind: ObligationKind) -> ObligationTrigger? {
        guard let map = reader.mapping(node, "a `met_by` entry") else { return nil }
        reader.rejectUnknownKeys(map, allowed: ["event", "action", "by"], in: "a `met_by` entry")
        var trigger = ObligationTrigger(event: .actionRecorded)
        if let text = reader.string(map["action"], "`action`") {
            guard let action = ActionKind(rawValue: text) else {
                reader.report(
                    map["action"],
                    "unknown action `\(text)`; known actions: \(ActionKind.allCases.map(\.rawValue).joined(separator: ", "))"
                )
                return nil
            }
            trigger.action = action
        }
        if let text = reader.string(map["event"], "`event`") {
            let allowed: [EventType] = [.incidentAcknowledged, .actionRecorded]
            guard let event = EventType(rawValue: text), allowed.contains(event) else {
                reader.report(
                    map["event"],
                    "`\(text)` cannot meet an obligation; use incident.acknowledged or action.recorded"
                )
                return nil
            }
            if trigger.action != nil && event != .actionRecorded {
                reader.report(map["event"], "`action` only goes with event action.recorded")
            }
            trigger.event = event
        } else if trigger.action == nil {
            reader.report(map.node, "a `met_by` entry for `\(kind.rawValue)` needs `event` or `action`")
            return nil
        }
        if let node = map["by"] { trigger.by = relation(node, alertable: true) }
        return trigger
    }

    mutating func obligationKind(_ node: Node) -> ObligationKind? {
        guard let text = reader.string(node, "an obligation kind") else { return nil }
        guard let kind = ObligationKind(rawValue: text) else {
            let known = ObligationKind.allCases.map(\.rawValue).joined(separator: ", ")
            reader.report(node, "unknown obligation kind `\(text)`; known kinds: \(known)")
            return nil
        }
        return kind
    }

    mutating func relation(_ node: Node, alertable: Bool) -> Relation? {
        guard let text = reader.string(node, "a relation") else { return nil }
        guard let relation = Relation(rawValue: text) else {
            let known = Relation.allCases.map(\.rawValue).joined(separator: ", ")
            reader.report(node, "unknown relation `\(text)`; known relations: \(known)")
            return nil
        }
        if alertable && !relation.isAlertable {
            reader.report(
                node,
                "`peoples_committee` receives reports only; it cannot be alerted or owe an obligation "
                    + "(the commune's People's Committee is alerted as `commune_peoples_committee`)"
            )
            return nil
        }
        return relation
    }

    mutating func relations(_ node: Node?, _ what: String) -> [Relation] {
        reader.list(node, what).compactMap { relation($0, alertable: true) }
    }

    /// A positive duration such as `2h`, or a problem at the node's line.
    mutating func duration(_ node: Node?, _ what: String) -> Duration? {
        guard let node, let text = reader.string(node, what) else { return nil }
        guard let duration = DeadlineDuration.parse(text) else {
            reader.report(node, "\(what) `\(text)` is not a duration; write e.g. 30m, 2h, 24h or 1h30m")
            return nil
        }
        guard duration > .zero else {
            reader.report(node, "\(what) must be longer than zero, not `\(text)`")
            return nil
        }
        return duration
    }
}
