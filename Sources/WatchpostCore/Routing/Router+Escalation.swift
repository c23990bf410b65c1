import Foundation

extension Router {
    /// An escalation moves one obligation (or, without one, the incident) one level up its
    /// chain: that level's people are told, the owner is told the deadline was missed, and the
    /// level's own deadline starts.
    static func routeEscalation(_ escalation: IncidentEscalated, incident: IncidentState, _ input: RoutingInput)
        -> RoutingDecision
    {
        if let note = Responsibility.check(
            .escalate,
            source: input.event.source,
            school: incident.unitID,
            incident: incident,
            directory: input.directory
        ) {
            return reject(input, note)
        }
        guard let obligationID = escalation.obligationID else {
            if escalation.reason == .deadlineMissed {
                return reject(
                    input,
                    RoutingNote(.missingObligation, "a deadline_missed escalation must name its obligation")
                )
            }
            return escalateIncident(escalation, incident: incident, input)
        }
        guard let obligation = incident.obligation(obligationID) else {
            return reject(
                input,
                RoutingNote(
                    .unknownObligation,
                    "incident \(DerivedID.key(incident.id)) has no obligation \(DerivedID.key(obligationID))"
                )
            )
        }
        guard obligation.status == .open else {
            return ignore(
                input,
                incident,
                RoutingNote(
                    .obligationClosed,
                    "obligation \(obligation.kind.rawValue) is already \(obligation.status.rawValue)"
                )
            )
        }
        if escalation.level <= obligation.level {
            return ignore(
                input,
                incident,
                RoutingNote(
                    .alreadyEscalated,
                    "obligation \(obligation.kind.rawValue) is already at level \(obligation.level)"
                )
            )
        }
        guard escalation.level == obligation.level + 1,
            let level = input.policy.chains[obligation.chain]?.level(escalation.level)
        else {
            return reject(
                input,
                RoutingNote(
                    .invalidLevel,
                    "level \(escalation.level) does not follow level \(obligation.level) of chain `\(obligation.chain)`"
                )
            )
        }
        var builder = DecisionBuilder(input: input, incident: incident)
        var escalated = obligation
        escalated.level = escalation.level
        escalated.escalatedAt = input.now
        escalated.dueAt = level.deadline.map { input.due($0, clock: obligation.clock) }
        // Reminders go out at every level: the owner is reminded before the new level's deadline
        // as before the first one (issue 29). Those already due stay on record, so that the
        // deadline auditor can still check they were sent.
        escalated.remindersAt =
            obligation.remindersAt.filter { $0 <= input.now }
            + Self.reminders(of: obligation, before: escalated.dueAt, input)
        builder.change(escalated)
        builder.incident.escalationLevel = max(builder.incident.escalationLevel, escalation.level)
        builder.decision.escalations.append(
            ObligationEscalation(
                obligationID: obligation.id,
                eventID: input.event.eventID,
                level: escalation.level,
                notified: level.notify,
                nextDueAt: escalated.dueAt,
                at: input.now
            )
        )
        let reason = "escalation:\(obligation.kind.rawValue):level-\(escalation.level)"
        for relation in level.told {
            builder.alert(
                relation,
                template: .obligationEscalated,
                reason: reason,
                obligation: obligation.id,
                byVoice: level.call.contains(relation)
            )
        }
        builder.alert(obligation.ownerRelation, template: .obligationMissed, reason: reason, obligation: obligation.id)
        return builder.finish()
    }

    /// A manual escalation (or one for raised severity) with no obligation follows the
    /// policy's manual chain, level by level.
    private static func escalateIncident(
        _ escalation: IncidentEscalated,
        incident: IncidentState,
        _ input: RoutingInput
    ) -> RoutingDecision {
        if escalation.level <= incident.escalationLevel {
            return ignore(
                input,
                incident,
                RoutingNote(.alreadyEscalated, "the incident is already at level \(incident.escalationLevel)")
            )
        }
        guard let level = input.policy.chains[input.policy.manualChain]?.level(escalation.level) else {
            return reject(
                input,
                RoutingNote(.invalidLevel, "chain `\(input.policy.manualChain)` has no level \(escalation.level)")
            )
        }
        var builder = DecisionBuilder(input: input, incident: incident)
        builder.incident.escalationLevel = escalation.level
        let reason = "escalation:\(escalation.reason.rawValue):level-\(escalation.level)"
        for relation in level.told {
            builder.alert(
                relation,
                template: .incidentEscalated,
                reason: reason,
                except: input.event.source.id,
                byVoice: level.call.contains(relation)
            )
        }
        return builder.finish()
    }

    /// The reminder instants before `dueAt` (a level's new deadline) that lie after now, at the
    /// offsets the policy gives the obligation's kind, reason and chain, on its clock.
    static func reminders(of obligation: Obligation, before dueAt: Date?, _ input: RoutingInput) -> [Date] {
        guard let dueAt else { return [] }
        let offsets = input.policy.spec(of: obligation)?.reminders ?? []
        return input.reminders(offsets, before: dueAt, clock: obligation.clock).filter { $0 > input.now }
    }
}
