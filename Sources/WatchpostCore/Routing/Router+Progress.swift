import Foundation

extension Router {
    /// New facts: the incident changes, and people or obligations the new facts call for are
    /// added. Obligations already owed keep their deadlines, except that a stricter rule now
    /// matching brings an open level-0 deadline forward.
    static func routeUpdate(_ update: IncidentUpdated, incident: IncidentState, school: Unit, _ input: RoutingInput)
        -> RoutingDecision
    {
        if let note = Responsibility.check(
            .update,
            source: input.event.source,
            school: school.id,
            directory: input.directory
        ) {
            return reject(input, note)
        }
        var builder = DecisionBuilder(input: input, incident: incident)
        if let severity = update.severity { builder.incident.severity = severity }
        if let category = update.category { builder.incident.category = category }
        if let summary = update.summary { builder.incident.summary = summary }
        for url in update.addedURLs where !builder.incident.urls.contains(url) { builder.incident.urls.append(url) }
        for role in update.addedSubjects where !builder.incident.subjects.contains(role) {
            builder.incident.subjects.append(role)
        }

        let before = input.policy.plan(for: incident.facts(schoolKind: school.kind))
        let after = input.policy.plan(for: builder.incident.facts(schoolKind: school.kind))
        for spec in after.obligations {
            guard
                let current = builder.incident.openObligations.first(where: {
                    $0.kind == spec.kind && $0.ownerRelation == spec.owner
                }),
                current.level == 0, let dueAt = current.dueAt
            else { continue }
            let stricter = current.openedAt.addingTimeInterval(DeadlineDuration.seconds(spec.deadline))
            guard stricter < dueAt else { continue }
            var tightened = current
            tightened.dueAt = stricter
            tightened.remindersAt = spec.reminders.map { stricter.addingTimeInterval(-DeadlineDuration.seconds($0)) }
                .sorted()
            tightened.reason = spec.reason
            tightened.reasonID = spec.reasonID
            tightened.chain = spec.chain
            builder.change(tightened)
        }
        builder.open(after.obligations, template: .incidentUpdated)
        let known = Set(before.alerts.map(\.relation))
        for planned in after.alerts where !known.contains(planned.relation) {
            builder.alert(planned.relation, template: .incidentUpdated, reason: "rule:\(planned.rule)")
        }
        return builder.finish()
    }

    /// An acknowledgement: the first moves the incident to `acknowledged`; the same officer
    /// acknowledging again is ignored.
    static func routeAcknowledgement(incident: IncidentState, _ input: RoutingInput) -> RoutingDecision {
        let source = input.event.source
        if let note = Responsibility.check(
            .acknowledge,
            source: source,
            school: incident.unitID,
            directory: input.directory
        ) {
            return reject(input, note)
        }
        if incident.acknowledgedBy.contains(source.id) {
            return ignore(
                input,
                incident,
                RoutingNote(.duplicateAcknowledgement, "officer `\(source.id)` already acknowledged")
            )
        }
        var builder = DecisionBuilder(input: input, incident: incident)
        builder.incident.acknowledgedBy.append(source.id)
        if builder.incident.acknowledgedAt == nil { builder.incident.acknowledgedAt = input.now }
        if builder.incident.status == .reported { builder.incident.status = .acknowledged }
        meetObligations(&builder)
        return builder.finish()
    }

    /// An action moves the incident to `mitigating` and meets the obligations it satisfies,
    /// escalated ones included: late is still done, and stays on record as late.
    static func routeAction(_ action: ActionRecorded, incident: IncidentState, _ input: RoutingInput) -> RoutingDecision
    {
        if let note = Responsibility.check(
            .recordAction,
            source: input.event.source,
            school: incident.unitID,
            directory: input.directory
        ) {
            return reject(input, note)
        }
        var builder = DecisionBuilder(input: input, incident: incident)
        if builder.incident.firstActionAt == nil { builder.incident.firstActionAt = input.now }
        builder.incident.status = .mitigating
        meetObligations(&builder)
        // An action that meets the acknowledgement counts as taking charge.
        if builder.decision.obligationsMet.contains(where: { $0.kind == .acknowledge }),
            builder.incident.acknowledgedAt == nil
        {
            builder.incident.acknowledgedAt = input.now
        }
        return builder.finish()
    }
}
