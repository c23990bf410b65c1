/// Finds, before any incident needs them, the people the policy would alert whom no configured
/// channel can reach, and the schools where a relation the policy uses reaches nobody.
///
/// Routing never fails for want of a recipient: an alert to an officer without a working
/// channel is written, retried and finally marked dead. This check says so at directory load
/// and on the operator's overview instead, while there is still time to fix the directory or
/// the channel settings. It is pure: the caller says which channel kinds are configured.
public struct ReachabilityCheck: Sendable, Hashable {
    /// The channel kinds this deployment can send on.
    public var configuredKinds: Set<ChannelKind>
    /// Whether a development override sends every delivery to fixed targets (the console, a
    /// local webhook) whatever the officers' channels; then only missing or invalid channels
    /// are reported, since a directory with them would fail in production.
    /// Default: false.
    public var overridesChannels: Bool

    /// Creates a check for a deployment that can send on `configuredKinds`.
    public init(configuredKinds: Set<ChannelKind>, overridesChannels: Bool = false) {
        self.configuredKinds = configuredKinds
        self.overridesChannels = overridesChannels
    }

    /// Every finding for `directory` under `policy`, in directory line order; `file` names the
    /// directory in each finding. Only officers some school needs under the policy are checked.
    public func findings(directory: Directory, policy: Policy, file: String) -> [ReachabilityFinding] {
        var needed: [OfficerID: Set<Relation>] = [:]
        var findings: [ReachabilityFinding] = []
        for school in directory.schools {
            var unreachable: [(Relation, [Officer])] = []
            let acting = Self.relationsThatAct(in: policy, for: school.kind)
            for relation in Self.relationsUsed(by: policy, for: school.kind) {
                let officers = directory.officers(relation, of: school.id)
                for officer in officers { needed[officer.id, default: []].insert(relation) }
                // Someone merely copied (a deputy) may be absent; an owner or an escalation
                // step may not, or the obligation or the chain silently reaches nobody.
                if officers.isEmpty && !acting.contains(relation) { continue }
                if !officers.contains(where: isReachable) { unreachable.append((relation, officers)) }
            }
            if !unreachable.isEmpty {
                findings.append(schoolFinding(school, unreachable, file: file))
            }
        }
        for officer in directory.officers {
            guard let relations = needed[officer.id], let problem = problem(of: officer) else { continue }
            let ordered = Relation.allCases.filter(relations.contains)
            findings.append(
                ReachabilityFinding(
                    subject: .officer(officer.id),
                    problem: problem,
                    relations: ordered,
                    file: file,
                    line: officer.line,
                    message: message(officer, problem, ordered)
                )
            )
        }
        // Stable: a unit and an officer never share a line, so ties keep their discovery order.
        return findings.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map(
            \.element
        )
    }

    /// Whether some channel of `officer` has a valid address of a configured kind.
    public func isReachable(_ officer: Officer) -> Bool { problem(of: officer) == nil }

    /// What keeps every channel of `officer` from working, or `nil` when one works.
    public func problem(of officer: Officer) -> ReachabilityFinding.Problem? {
        if officer.channels.isEmpty { return .noChannel }
        let valid = officer.channels.filter { $0.addressProblem == nil }
        if valid.isEmpty { return .onlyInvalidAddresses }
        if overridesChannels || valid.contains(where: { configuredKinds.contains($0.kind) }) { return nil }
        return .noConfiguredChannel
    }

    /// The alertable relations the policy may alert, make owe, or escalate to for a school of
    /// `kind`: the alerts and owners of the rules that can match such a school, every level of
    /// their chains, and every level of the manual escalation chain. In `Relation` order.
    public static func relationsUsed(by policy: Policy, for kind: UnitKind) -> [Relation] {
        let rules = policy.rules.filter { $0.condition.schoolKinds?.contains(kind) ?? true }
        let used = Set(rules.flatMap(\.alert)).union(relationsThatAct(in: policy, for: kind))
        return Relation.allCases.filter { $0.isAlertable && used.contains($0) }
    }

    /// The relations that owe an obligation or are a step of an escalation chain for a school
    /// of `kind`: the ones that must reach somebody.
    static func relationsThatAct(in policy: Policy, for kind: UnitKind) -> Set<Relation> {
        var acting: Set<Relation> = []
        var chains: Set<String> = [policy.manualChain]
        for rule in policy.rules where rule.condition.schoolKinds?.contains(kind) ?? true {
            for spec in rule.obligations {
                acting.insert(spec.owner)
                chains.insert(spec.chain)
            }
        }
        for name in chains {
            for level in policy.chains[name]?.levels ?? [] { acting.formUnion(level.notify) }
        }
        return acting.filter(\.isAlertable)
    }

    private func schoolFinding(_ school: Unit, _ unreachable: [(Relation, [Officer])], file: String)
        -> ReachabilityFinding
    {
        let parts = unreachable.map { relation, officers in
            officers.isEmpty
                ? "`\(relation.rawValue)` (nobody holds it)"
                : "`\(relation.rawValue)` (\(officers.map { "`\($0.id)`" }.joined(separator: ", ")) cannot be reached)"
        }
        return ReachabilityFinding(
            subject: .school(school.id),
            problem: .nobodyReachable,
            relations: unreachable.map(\.0),
            file: file,
            line: school.line,
            message: "school `\(school.id)`: the policy alerts nobody reachable as \(parts.joined(separator: ", "))"
        )
    }

    private func message(_ officer: Officer, _ problem: ReachabilityFinding.Problem, _ relations: [Relation]) -> String
    {
        let needed = "needed as \(relations.map(\.rawValue).joined(separator: ", "))"
        switch problem {
        case .noChannel:
            return "officer `\(officer.id)` has no channel; alerts to them cannot be delivered (\(needed))"
        case .onlyInvalidAddresses:
            let reasons = officer.channels.compactMap(\.addressProblem).joined(separator: "; ")
            return "officer `\(officer.id)` has no valid channel: \(reasons) (\(needed))"
        case .noConfiguredChannel, .nobodyReachable:
            let kinds = Set(officer.channels.map(\.kind))
            let configured = configuredKinds.isEmpty ? "none" : Self.spell(configuredKinds)
            let which = kinds.count == 1 ? "which is" : "none of which is"
            return "officer `\(officer.id)` can be reached only by \(Self.spell(kinds)), \(which) configured here "
                + "(configured: \(configured)) (\(needed))"
        }
    }

    /// Kinds in `ChannelKind` order, `sms` written as the directory's `phone` it is sent to.
    private static func spell(_ kinds: Set<ChannelKind>) -> String {
        ChannelKind.allCases.filter(kinds.contains).map { $0 == .sms ? "phone (SMS)" : $0.rawValue }
            .joined(separator: ", ")
    }
}
