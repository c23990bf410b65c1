/// The routing policy: rules, the events that meet each obligation kind, and escalation chains.
public struct Policy: Sendable, Equatable {
    /// The most levels a chain may have once joined with what it continues with.
    public static let maximumChainLevels = 5

    /// Every rule, in file order. All matching rules apply.
    public var rules: [RoutingRule]
    /// For each obligation kind, the events that meet it.
    public var triggers: [ObligationKind: [ObligationTrigger]]
    /// Escalation chains by name.
    public var chains: [String: EscalationChain]
    /// The chain used for an `incident.escalated` event that names no obligation (manual escalation).
    public var manualChain: String
    /// How long personal data is kept once its purpose is served; `nil`: nothing is purged.
    public var retention: RetentionPolicy?
    /// The periodic reports the workers produce; `nil`: none.
    public var reports: ReportSchedule?
    /// The tools (`source.kind: tool`, by `source.id`) whose reports' summaries alerts may
    /// quote (`trusted_tools`). Default: none; an alert for another tool's report shows a
    /// neutral line instead of its summary.
    public var trustedTools: Set<String> = []
    /// The obligations a recorded action opens (`follow_ups`), e.g. the authority's follow-up of
    /// a takedown the school requested.
    public var followUps: [ActionKind: [ObligationSpec]] = [:]
    /// For an action kind, the obligations recording it pauses while someone else acts
    /// (`pauses`).
    public var pauses: [ActionKind: [PauseSpec]] = [:]
    /// Who owes the head's obligations when a manager of the school is involved
    /// (`conflict_of_interest`); `nil`: the head always does.
    public var conflictOfInterest: ConflictOfInterest?
    /// How alerts to one recipient are grouped and rate-limited (`grouping`); `nil`: every
    /// alert goes at once.
    public var grouping: AlertGrouping?

    /// Creates a policy without validation; use `load(yaml:file:)` for files.
    public init(
        rules: [RoutingRule],
        triggers: [ObligationKind: [ObligationTrigger]],
        chains: [String: EscalationChain],
        manualChain: String,
        retention: RetentionPolicy? = nil,
        reports: ReportSchedule? = nil
    ) {
        self.rules = rules
        self.triggers = triggers
        self.chains = chains
        self.manualChain = manualChain
        self.retention = retention
        self.reports = reports
    }

    /// The rule (or follow-up) specification `obligation` was opened from: the first with its
    /// kind, reason and chain.
    public func spec(of obligation: Obligation) -> ObligationSpec? {
        let matches = { (spec: ObligationSpec) in
            spec.kind == obligation.kind && spec.reasonID == obligation.reasonID && spec.chain == obligation.chain
        }
        return rules.lazy.flatMap(\.obligations).first(where: matches)
            ?? followUps.values.lazy.flatMap { $0 }.first(where: matches)
    }

    /// What the policy asks for an incident with `facts`: the union of the matching rules.
    ///
    /// Alerts keep first-mention order. When two rules ask the same owner for the same kind of
    /// obligation, the shorter deadline wins (the stricter rule), with its reminders and reason.
    public func plan(for facts: IncidentFacts) -> RoutingPlan {
        plan(forAny: [facts])
    }

    /// The same union over the rules that match any of `facts` (an incident and each of its
    /// reports, D32). Rules are taken in file order, so the order of `facts` does not matter.
    /// With `subjects` that bring `conflictOfInterest` into play, the head's obligations are
    /// owed by its `owner`.
    public func plan(forAny facts: [IncidentFacts], subjects: [SubjectRole] = []) -> RoutingPlan {
        var plan = RoutingPlan()
        let conflict = conflictOfInterest.flatMap { $0.applies(to: subjects) ? $0 : nil }
        for rule in rules where facts.contains(where: rule.condition.matches) {
            plan.matchedRules.append(rule.name)
            for relation in rule.alert where !plan.alerts.contains(where: { $0.relation == relation }) {
                plan.alerts.append(PlannedAlert(relation: relation, rule: rule.name))
            }
            for listed in rule.obligations {
                let spec = conflict?.reassigned(listed) ?? listed
                if let index = plan.obligations.firstIndex(where: { $0.kind == spec.kind && $0.owner == spec.owner }) {
                    if spec.isStricter(than: plan.obligations[index]) { plan.obligations[index] = spec }
                } else {
                    plan.obligations.append(spec)
                }
            }
        }
        return plan
    }

    /// The `met_by` entries that meet `obligation` of an incident involving `subjects`: those of
    /// its kind, counted from `conflictOfInterest.owner` where that owner holds it in the head's
    /// place.
    public func triggers(for obligation: Obligation, subjects: [SubjectRole]) -> [ObligationTrigger] {
        let listed = triggers[obligation.kind] ?? []
        guard let conflict = conflictOfInterest, conflict.applies(to: subjects),
            obligation.ownerRelation == conflict.owner
        else { return listed }
        return conflict.reassigned(listed)
    }
}

/// What the policy asks for one incident.
public struct RoutingPlan: Sendable, Hashable {
    /// The names of the rules that matched, in file order.
    public var matchedRules: [String] = []
    /// Who is alerted, by relation, and which rule asked for it.
    public var alerts: [PlannedAlert] = []
    /// The obligations to open.
    public var obligations: [ObligationSpec] = []
}

/// A relation to alert and the rule that asked for it.
public struct PlannedAlert: Sendable, Hashable {
    /// Who, by relation.
    public var relation: Relation
    /// The rule's name.
    public var rule: String
}
