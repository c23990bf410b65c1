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
            incident: incident,
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

        applyPlanChange(
            &builder,
            from: plan(for: incident, school: school, input.policy),
            school: school,
            countingFrom: nil,
            newcomers: .incidentUpdated,
            told: .incidentUpdated,
            alertOnce: false
        )
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
            incident: incident,
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
            incident: incident,
            directory: input.directory
        ) {
            return reject(input, note)
        }
        var builder = DecisionBuilder(input: input, incident: incident)
        if builder.incident.firstActionAt == nil { builder.incident.firstActionAt = input.now }
        builder.incident.status = .mitigating
        meetObligations(&builder)
        // What recording this action opens (`follow_ups`): a requested takedown is followed up
        // by the authority, so the platform's delay never escalates to the school's head.
        if let specs = input.policy.followUps[action.action] {
            builder.open(specs, template: .incidentUpdated)
        }
        // What it makes wait for someone else (`pauses`): the platform, the police.
        for pause in input.policy.pauses[action.action] ?? [] {
            pauseObligations(&builder, pause)
        }
        // An action that meets the acknowledgement counts as taking charge.
        if builder.decision.obligationsMet.contains(where: { $0.kind == .acknowledge }),
            builder.incident.acknowledgedAt == nil
        {
            builder.incident.acknowledgedAt = input.now
        }
        return builder.finish()
    }

    /// Pauses the open obligations of `pause.kind` until `now + pause.duration`: the deadline
    /// resumes then with the time that was left on its clock (none, when it was already overdue),
    /// and a reminder falls at the pause's end, so the owner hears the wait is over.
    static func pauseObligations(_ builder: inout DecisionBuilder, _ pause: PauseSpec) {
        let input = builder.input
        let until = input.now.addingTimeInterval(DeadlineDuration.seconds(pause.duration))
        for obligation in builder.incident.openObligations where obligation.kind == pause.kind {
            guard let dueAt = obligation.dueAt else { continue }
            let left: TimeInterval =
                switch obligation.clock {
                case .calendar: max(0, dueAt.timeIntervalSince(input.now))
                case .working: input.calendar.workingTime(from: input.now, to: dueAt)
                }
            var paused = obligation
            paused.pausedUntil = until
            paused.pauseReason = pause.reason
            paused.dueAt = input.due(.seconds(left), clock: obligation.clock, from: until)
            let offsets = input.policy.spec(of: obligation)?.reminders ?? []
            let ahead = input.reminders(offsets, before: paused.dueAt ?? until, clock: obligation.clock)
                .filter { $0 > until }
            paused.remindersAt = obligation.remindersAt.filter { $0 <= input.now } + [until] + ahead
            builder.change(paused)
        }
    }
}
