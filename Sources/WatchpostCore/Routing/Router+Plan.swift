import Foundation

extension Router {
    /// What the policy asks for `incident`: the union over its own facts and each report's
    /// classification, at the incident's severity (D32), owed by the authority's leadership in
    /// the head's place when one of the school's managers is involved (`ConflictOfInterest`).
    static func plan(for incident: IncidentState, school: Unit, _ policy: Policy) -> RoutingPlan {
        policy.plan(forAny: incident.classifiedFacts(schoolKind: school.kind), subjects: incident.subjects)
    }

    /// Alerts the plan's relations and opens its obligations, owners first.
    static func applyPlan(_ builder: inout DecisionBuilder, school: Unit, template: AlertTemplate) {
        let plan = Self.plan(for: builder.incident, school: school, builder.input.policy)
        builder.open(plan.obligations, template: template)
        for planned in plan.alerts {
            builder.alert(planned.relation, template: template, reason: "rule:\(planned.rule)")
        }
    }

    /// New facts changed the plan from `before` to the plan of `builder.incident`: a stricter rule
    /// brings an open level-0 deadline forward, obligations the new plan adds are opened, and the
    /// relations it adds are alerted.
    ///
    /// - Parameters:
    ///   - countingFrom: where a stricter deadline counts from: `nil` for the obligation's own
    ///     opening, or the instant its owner learns the new facts.
    ///   - newcomers: the template for relations the plan did not concern before.
    ///   - told: the template for the owner of a new obligation whom the plan concerned already.
    ///   - alertOnce: officers of relations concerned before get no alert unless they owe
    ///     something new, even when they also hold a relation the plan adds.
    static func applyPlanChange(
        _ builder: inout DecisionBuilder,
        from before: RoutingPlan,
        school: Unit,
        countingFrom: Date?,
        newcomers: AlertTemplate,
        told: AlertTemplate,
        alertOnce: Bool
    ) {
        reassignForConflict(&builder)
        let after = plan(for: builder.incident, school: school, builder.input.policy)
        tighten(&builder, to: after, countingFrom: countingFrom)
        let concerned = Set(before.alerts.map(\.relation) + before.obligations.map(\.owner))
        builder.open(after.obligations.filter { concerned.contains($0.owner) }, template: told)
        if alertOnce { builder.skipAlerts(toOfficersOf: concerned) }
        builder.open(after.obligations.filter { !concerned.contains($0.owner) }, template: newcomers)
        for planned in after.alerts where !concerned.contains(planned.relation) {
            builder.alert(planned.relation, template: newcomers, reason: "rule:\(planned.rule)")
        }
    }

    /// The new facts involve one of the school's managers (`ConflictOfInterest`): the head's open
    /// obligations move to the conflict's owner with their deadlines and levels, and the new
    /// owner is told. What the head already met stays met: nobody knew then.
    private static func reassignForConflict(_ builder: inout DecisionBuilder) {
        guard let conflict = builder.input.policy.conflictOfInterest, conflict.applies(to: builder.incident.subjects)
        else { return }
        let newOwner = builder.input.directory.officers(
            conflict.owner,
            of: builder.incident.unitID,
            at: builder.input.now
        )
        .first?.id
        for obligation in builder.incident.openObligations where obligation.ownerRelation == .schoolHead {
            var moved = obligation
            moved.ownerRelation = conflict.owner
            moved.ownerOfficerID = newOwner
            builder.change(moved)
            builder.alert(
                conflict.owner,
                template: .incidentUpdated,
                reason: "conflict-of-interest:\(obligation.kind.rawValue)",
                obligation: obligation.id
            )
        }
    }

    /// Brings an open level-0 deadline forward when `plan` asks the same owner for the same kind
    /// sooner; it never moves one back.
    private static func tighten(_ builder: inout DecisionBuilder, to plan: RoutingPlan, countingFrom: Date?) {
        for spec in plan.obligations {
            guard
                let current = builder.incident.openObligations.first(where: {
                    $0.kind == spec.kind && $0.ownerRelation == spec.owner
                }),
                current.level == 0, let dueAt = current.dueAt
            else { continue }
            let anchor = countingFrom ?? current.openedAt
            let stricter = builder.input.due(spec.deadline, clock: spec.clock, from: anchor)
            guard stricter < dueAt else { continue }
            var tightened = current
            tightened.dueAt = stricter
            tightened.remindersAt = builder.input.reminders(spec.reminders, before: stricter, clock: spec.clock)
            tightened.reason = spec.reason
            tightened.reasonID = spec.reasonID
            tightened.chain = spec.chain
            tightened.clock = spec.clock
            builder.change(tightened)
        }
    }
}
