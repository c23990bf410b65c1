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
            return ignore(input, incident, closedNote(incident))
        }
        if incident.status == .merged {
            if case .unmerged(let unmerge) = event.payload {
                return routeUnmerge(unmerge, incident: incident, school: school, input)
            }
            return ignore(input, incident, closedNote(incident))
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
        case .merged(let merge):
            return routeMerge(merge, incident: incident, school: school, input)
        case .unmerged:
            return ignore(
                input,
                incident,
                RoutingNote(.notMerged, "incident \(DerivedID.key(incident.id)) is not merged")
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
        let directory = builder.input.directory
        let school = builder.incident.unitID
        let relations = officer.map { directory.relations(of: $0, to: school) } ?? []
        let onDuty = officer.map { directory.isOnDuty($0, for: school, at: builder.input.now) } ?? false
        var met = false
        for obligation in builder.incident.openObligations {
            let triggers = builder.input.policy.triggers(for: obligation, subjects: builder.incident.subjects)
            var onBehalf = false
            if !triggers.contains(where: { $0.matches(event.payload, relations: relations) }) {
                // The duty officer may acknowledge an urgent obligation that an acknowledgement meets.
                guard onDuty, event.type == .incidentAcknowledged,
                    triggers.contains(where: { $0.event == .incidentAcknowledged }),
                    builder.input.policy.spec(of: obligation)?.urgent == true
                else { continue }
                onBehalf = true
            }
            var updated = obligation
            updated.status = .met
            updated.closedAt = builder.input.now
            updated.closedByEventID = event.eventID
            updated.metBy = officer
            if onBehalf {
                updated.metOnBehalfOf = obligation.ownerOfficerID
                // The owner still sees it: told that the duty officer acknowledged for them.
                builder.alert(
                    obligation.ownerRelation,
                    template: .incidentUpdated,
                    reason: "acknowledged-on-behalf:\(obligation.kind.rawValue)",
                    obligation: obligation.id,
                    except: officer
                )
            }
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
