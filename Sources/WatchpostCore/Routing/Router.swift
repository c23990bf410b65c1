import Foundation

/// The heart of Watchpost: a pure function from one event and the current state to a decision.
///
/// It reads nothing but its input and never throws or traps: garbage gets `rejected`, a
/// harmless repeat gets `ignored`, and the same input always gives an equal decision.
public enum Router {
    /// Decides what `input.event` does.
    public static func route(_ input: RoutingInput) -> RoutingDecision {
        let event = input.event
        guard let school = input.directory.unit(event.unitID), school.kind.isSchool else {
            return reject(input, RoutingNote(.unknownUnit, "unit `\(event.unitID)` is not a school in the directory"))
        }
        if case .reported(let report) = event.payload {
            return routeReport(report, school: school, input)
        }
        guard let incident = input.incident else {
            return reject(
                input,
                RoutingNote(
                    .unknownIncident,
                    "\(event.type.rawValue) for incident \(DerivedID.key(event.incidentID)), which was never reported"
                )
            )
        }
        guard incident.unitID == event.unitID else {
            return reject(
                input,
                RoutingNote(
                    .unitMismatch,
                    "the event names unit `\(event.unitID)`, the incident belongs to `\(incident.unitID)`"
                )
            )
        }
        if incident.status == .resolved {
            if case .reopened(let reopen) = event.payload {
                return routeReopen(reopen, incident: incident, school: school, input)
            }
            return ignore(
                input,
                incident,
                RoutingNote(.incidentResolved, "incident \(DerivedID.key(incident.id)) is resolved; reopen it first")
            )
        }
        switch event.payload {
        case .reported(let report):
            return routeReport(report, school: school, input)
        case .updated(let update):
            return routeUpdate(update, incident: incident, school: school, input)
        case .acknowledged:
            return routeAcknowledgement(incident: incident, input)
        case .actionRecorded(let action):
            return routeAction(action, incident: incident, input)
        case .escalated(let escalation):
            return routeEscalation(escalation, incident: incident, input)
        case .resolved:
            return routeResolution(incident: incident, school: school, input)
        case .reopened:
            return ignore(
                input,
                incident,
                RoutingNote(.notResolved, "incident \(DerivedID.key(incident.id)) is still open")
            )
        }
    }

    static func reject(_ input: RoutingInput, _ note: RoutingNote) -> RoutingDecision {
        RoutingDecision(
            eventID: input.event.eventID,
            incidentID: input.incident?.id,
            outcome: .rejected(note),
            incident: input.incident
        )
    }

    static func ignore(_ input: RoutingInput, _ incident: IncidentState, _ note: RoutingNote) -> RoutingDecision {
        RoutingDecision(
            eventID: input.event.eventID,
            incidentID: incident.id,
            outcome: .ignored(note),
            incident: incident
        )
    }

    /// Marks every open obligation the event meets; returns whether any was met.
    @discardableResult
    static func meetObligations(_ builder: inout DecisionBuilder) -> Bool {
        let event = builder.input.event
        let officer = event.source.kind == .officer ? event.source.id : nil
        let relations = officer.map { builder.input.directory.relations(of: $0, to: builder.incident.unitID) } ?? []
        var met = false
        for obligation in builder.incident.openObligations {
            let triggers = builder.input.policy.triggers(for: obligation, subjects: builder.incident.subjects)
            guard triggers.contains(where: { $0.matches(event.payload, relations: relations) }) else { continue }
            var updated = obligation
            updated.status = .met
            updated.closedAt = builder.input.now
            updated.closedByEventID = event.eventID
            updated.metBy = officer
            builder.change(updated)
            builder.decision.obligationsMet.append(
                ObligationMet(
                    obligationID: obligation.id,
                    kind: obligation.kind,
                    eventID: event.eventID,
                    by: officer,
                    at: builder.input.now,
                    wasEscalated: obligation.isEscalated
                )
            )
            met = true
        }
        return met
    }
}
