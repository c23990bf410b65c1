import Foundation

extension Router {
    /// Merges the duplicate `incident` into the survivor the event names (D60), in one decision:
    ///
    /// - the duplicate becomes `merged`; what it still owed is cancelled by the merge (no longer
    ///   owed, never escalated), and everyone its plan concerns, or who owed something, is told;
    /// - the survivor takes the duplicate's reports as evidence, as a duplicate report of it would
    ///   (D32): the higher severity, the graver category, every subject and link. What its plan
    ///   then asks for, and what the duplicate still owed, is opened unless already owed, counting
    ///   from now; relations it newly concerns hear of it as new, owners told before hear of
    ///   their new obligations as an update, nobody else is paged again.
    ///
    /// Refused: the incident itself, a survivor that was never reported, a source that is not
    /// the supervising authority or the head of both schools. Changes nothing (ignored): a
    /// survivor merged or resolved, or a duplicate that others are merged into, so merges never
    /// chain.
    static func routeMerge(_ merge: IncidentMerged, incident: IncidentState, school: Unit, _ input: RoutingInput)
        -> RoutingDecision
    {
        let duplicateKey = DerivedID.key(incident.id)
        guard merge.into != incident.id else {
            return reject(input, RoutingNote(.mergeIntoItself, "incident \(duplicateKey) cannot be merged into itself"))
        }
        guard let survivor = input.survivor else {
            return reject(
                input,
                RoutingNote(
                    .unknownIncident,
                    "incident.merged into incident \(DerivedID.key(merge.into)), which was never reported"
                )
            )
        }
        guard survivor.id != incident.id else {
            return reject(input, RoutingNote(.mergeIntoItself, "incident \(duplicateKey) cannot be merged into itself"))
        }
        guard let survivorSchool = input.directory.unit(survivor.unitID), survivorSchool.kind.isSchool else {
            return reject(
                input,
                RoutingNote(.unknownUnit, "unit `\(survivor.unitID)` is not a school in the directory")
            )
        }
        if let note = mayMerge(incident, survivor, input) { return reject(input, note) }
        let survivorKey = DerivedID.key(survivor.id)
        if survivor.status == .merged {
            let further = survivor.mergedInto.map { "; merge into \(DerivedID.key($0))" } ?? ""
            return ignore(
                input,
                incident,
                RoutingNote(.mergeTargetMerged, "incident \(survivorKey) is itself merged\(further)")
            )
        }
        if survivor.status == .resolved {
            return ignore(
                input,
                incident,
                RoutingNote(.mergeTargetResolved, "incident \(survivorKey) is resolved; reopen it first")
            )
        }
        if !incident.mergedFrom.isEmpty {
            let keys = incident.mergedFrom.map(DerivedID.key).joined(separator: ", ")
            return ignore(
                input,
                incident,
                RoutingNote(
                    .mergeHasDuplicates,
                    "incidents \(keys) are merged into \(duplicateKey); unmerge them first"
                )
            )
        }
        let owing = incident.openObligations
        var duplicate = DecisionBuilder(input: input, incident: incident)
        duplicate.incident.status = .merged
        duplicate.incident.mergedInto = survivor.id
        cancelOpenObligations(&duplicate)
        let plan = Self.plan(for: incident, school: school, input.policy)
        for relation in plan.alerts.map(\.relation) + plan.obligations.map(\.owner) + owing.map(\.ownerRelation) {
            duplicate.alert(relation, template: .incidentMerged, reason: "merged", except: input.event.source.id)
        }
        var decision = duplicate.finish()
        let absorbed = absorb(incident, owing: owing, into: survivor, school: survivorSchool, input)
        decision.alerts += absorbed.alerts
        decision.deliveries += absorbed.deliveries
        decision.obligationsOpened += absorbed.obligationsOpened
        decision.obligationsChanged += absorbed.obligationsChanged
        decision.survivor = absorbed.incident
        return decision
    }

    /// The survivor's part of a merge: the duplicate's reports and what it still owed.
    private static func absorb(
        _ duplicate: IncidentState,
        owing: [Obligation],
        into survivor: IncidentState,
        school: Unit,
        _ input: RoutingInput
    ) -> RoutingDecision {
        var builder = DecisionBuilder(input: input.forSurvivor(survivor), incident: survivor)
        let before = plan(for: survivor, school: school, input.policy)
        for report in duplicate.evidence where !survivor.evidence.contains(where: { $0.eventID == report.eventID }) {
            builder.incident.attach(report)
        }
        builder.incident.mergedFrom.append(duplicate.id)
        let concerned = Set(before.alerts.map(\.relation) + before.obligations.map(\.owner))
        // What the duplicate still owed, as the policy states it now; `open` skips what the
        // survivor already owes or met since it opened.
        let carried = owing.compactMap { input.policy.spec(of: $0) }
        builder.open(carried.filter { concerned.contains($0.owner) }, template: .incidentUpdated)
        applyPlanChange(
            &builder,
            from: before,
            school: school,
            countingFrom: input.now,
            newcomers: .incidentNew,
            told: .incidentUpdated,
            alertOnce: true
        )
        builder.open(carried.filter { !concerned.contains($0.owner) }, template: .incidentNew)
        return builder.finish()
    }

    /// Unmerges the duplicate `incident` from the survivor the event names (D60). It comes back
    /// as a reopened incident does: `reported` from now, acknowledgements afresh, and its
    /// policy's obligations, with every other one the merge cancelled, owed again counting from
    /// now; their owners are told. The survivor keeps what the merge gave it, as facts an update
    /// brought are kept: an obligation it owes is not withdrawn.
    static func routeUnmerge(
        _ unmerge: IncidentUnmerged,
        incident: IncidentState,
        school: Unit,
        _ input: RoutingInput
    ) -> RoutingDecision {
        guard incident.mergedInto == unmerge.from else {
            let actual = incident.mergedInto.map { "merged into \(DerivedID.key($0))" } ?? "not merged"
            return ignore(
                input,
                incident,
                RoutingNote(
                    .notMerged,
                    "incident \(DerivedID.key(incident.id)) is \(actual), not into \(DerivedID.key(unmerge.from))"
                )
            )
        }
        if let note = mayMerge(incident, input.survivor, input) { return reject(input, note) }
        // Only a merge cancels an obligation of an open incident, so these are what it closed.
        let closedByMerge = incident.obligations.filter { $0.status == .cancelled && $0.openedAt >= incident.openedAt }
        var builder = DecisionBuilder(input: input, incident: incident)
        builder.incident.mergedInto = nil
        openAfresh(&builder)
        applyPlan(&builder, school: school, template: .incidentReopened)
        builder.open(closedByMerge.compactMap { input.policy.spec(of: $0) }, template: .incidentReopened)
        var decision = builder.finish()
        if var survivor = input.survivor {
            survivor.mergedFrom.removeAll { $0 == incident.id }
            decision.survivor = survivor
        }
        return decision
    }

    /// Why the event's source may not merge or unmerge `incident` and `survivor`, or nil: it
    /// must be the supervising authority, or the head, of both schools.
    private static func mayMerge(_ incident: IncidentState, _ survivor: IncidentState?, _ input: RoutingInput)
        -> RoutingNote?
    {
        for state in [incident] + (survivor.map { [$0] } ?? []) {
            if let note = Responsibility.check(
                .merge,
                source: input.event.source,
                school: state.unitID,
                incident: state,
                directory: input.directory
            ) {
                return note
            }
        }
        return nil
    }

    /// Why an event on a closed (resolved or merged) `incident` changes nothing.
    static func closedNote(_ incident: IncidentState) -> RoutingNote {
        let key = DerivedID.key(incident.id)
        if incident.status == .merged {
            let survivor = incident.mergedInto.map { " into \(DerivedID.key($0)); act on that one" } ?? ""
            return RoutingNote(.incidentMerged, "incident \(key) is merged\(survivor), or unmerge it first")
        }
        return RoutingNote(.incidentResolved, "incident \(key) is resolved; reopen it first")
    }
}

extension RoutingInput {
    /// The input of the survivor's part of a merge: the same event at the same time, on the
    /// survivor's school, whose calendar its deadlines run on.
    func forSurvivor(_ survivor: IncidentState) -> RoutingInput {
        var input = self
        input.event.unitID = survivor.unitID
        input.incident = survivor
        input.survivor = nil
        input.openIncidentForDedupKey = nil
        return input
    }
}
