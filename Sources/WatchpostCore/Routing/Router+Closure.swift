import Foundation

extension Router {
    /// Resolution cancels what is still owed and tells everyone the policy alerted.
    static func routeResolution(incident: IncidentState, school: Unit, _ input: RoutingInput) -> RoutingDecision {
        let source = input.event.source
        if let note = Responsibility.check(
            .resolve,
            source: source,
            school: incident.unitID,
            incident: incident,
            directory: input.directory
        ) {
            return reject(input, note)
        }
        var builder = DecisionBuilder(input: input, incident: incident)
        builder.incident.status = .resolved
        builder.incident.resolvedAt = input.now
        // A resolution may itself meet obligations (e.g. if `met_by` lists it); the rest are cancelled.
        cancelOpenObligations(&builder)
        let plan = Self.plan(for: incident, school: school, input.policy)
        let relations = plan.alerts.map(\.relation) + plan.obligations.map(\.owner)
        for relation in relations {
            builder.alert(relation, template: .incidentResolved, reason: "resolved", except: source.id)
        }
        return builder.finish()
    }

    /// Reopening returns the incident to `reported`: acknowledgements start afresh and the
    /// policy's obligations are opened again, counting from now.
    static func routeReopen(_ reopen: IncidentReopened, incident: IncidentState, school: Unit, _ input: RoutingInput)
        -> RoutingDecision
    {
        if let note = Responsibility.check(
            .reopen,
            source: input.event.source,
            school: incident.unitID,
            incident: incident,
            directory: input.directory
        ) {
            return reject(input, note)
        }
        var builder = DecisionBuilder(input: input, incident: incident)
        builder.incident.resolvedAt = nil
        openAfresh(&builder)
        applyPlan(&builder, school: school, template: .incidentReopened)
        return builder.finish()
    }

    /// Returns the incident to `reported` from now: acknowledgements and actions start afresh,
    /// and it counts as reopened, which also keeps it out of the one-open-incident-per-post
    /// index (a newer incident about the same post may be open).
    static func openAfresh(_ builder: inout DecisionBuilder) {
        builder.incident.status = .reported
        builder.incident.openedAt = builder.input.now
        builder.incident.acknowledgedAt = nil
        builder.incident.acknowledgedBy = []
        builder.incident.firstActionAt = nil
        builder.incident.reopenCount += 1
    }

    /// Cancels every obligation still open, by the event: no longer owed, never escalated.
    static func cancelOpenObligations(_ builder: inout DecisionBuilder) {
        let input = builder.input
        for obligation in builder.incident.openObligations {
            var cancelled = obligation
            cancelled.status = .cancelled
            cancelled.closedAt = input.now
            cancelled.closedByEventID = input.event.eventID
            builder.change(cancelled)
            builder.decision.obligationsCancelled.append(
                ObligationCancelled(obligationID: obligation.id, eventID: input.event.eventID, at: input.now)
            )
        }
    }
}
