import Foundation

/// Accumulates one decision's effects: alerts (one per officer), their deliveries, and
/// obligation changes, keeping the incident's obligation list in step.
struct DecisionBuilder {
    var decision: RoutingDecision
    var incident: IncidentState
    let input: RoutingInput
    private var alerted: Set<OfficerID> = []

    init(input: RoutingInput, incident: IncidentState) {
        self.input = input
        self.incident = incident
        decision = RoutingDecision(
            eventID: input.event.eventID,
            incidentID: incident.id,
            outcome: .applied,
            incident: incident
        )
    }

    /// Alerts every officer standing in `relation` to the school now (a delegate for an absent
    /// officer, the day's duty officer), once per officer per decision. When everyone holding the
    /// relation is away with nobody standing in, the authority's desk is told instead.
    /// With `byVoice`, each officer is called first (`Officer.voiceChannels`), then reached on
    /// their own channels if the call goes unanswered.
    mutating func alert(
        _ relation: Relation,
        template: AlertTemplate,
        reason: String,
        obligation: UUID? = nil,
        except excluded: OfficerID? = nil,
        byVoice: Bool = false
    ) {
        let standing = input.directory.officers(relation, of: incident.unitID, at: input.now)
        if standing.isEmpty, relation != .authorityDesk,
            let away = input.directory.uncovered(relation, of: incident.unitID, at: input.now).first
        {
            alert(
                .authorityDesk,
                template: template,
                reason: "absent:\(away.id):\(reason)",
                obligation: obligation,
                byVoice: byVoice
            )
        }
        for officer in standing where officer.id != excluded {
            guard alerted.insert(officer.id).inserted else { continue }
            let id = DerivedID.alert(
                incident: incident.id,
                cause: DerivedID.key(input.event.eventID),
                officer: officer.id,
                template: template
            )
            add(
                Alert(
                    id: id,
                    incidentID: incident.id,
                    eventID: input.event.eventID,
                    recipient: officer.id,
                    relation: relation,
                    template: template,
                    reason: reason,
                    obligationID: obligation,
                    createdAt: input.now
                ),
                to: officer,
                byVoice: byVoice
            )
        }
    }

    /// Sends this decision no further alerts to the officers in `relations` to the school, nor to
    /// whoever stands in for them now.
    mutating func skipAlerts(toOfficersOf relations: Set<Relation>) {
        for relation in relations {
            alerted.formUnion(input.directory.officers(relation, of: incident.unitID).map(\.id))
            alerted.formUnion(input.directory.officers(relation, of: incident.unitID, at: input.now).map(\.id))
        }
    }

    mutating func add(_ alert: Alert, to officer: Officer, byVoice: Bool = false) {
        decision.alerts.append(alert)
        incident.alerted.insert(officer.id)
        decision.deliveries.append(
            Delivery(
                id: DerivedID.delivery(alert: alert.id),
                alertID: alert.id,
                recipient: officer.id,
                locale: officer.locale,
                channels: (byVoice ? officer.voiceChannels : []) + officer.channels
            )
        )
    }

    /// Opens obligations for `specs` unless the same kind is already owed (open) or was met by
    /// the same owner since the incident was (re)opened; alerts each owner with `template`.
    mutating func open(_ specs: [ObligationSpec], template: AlertTemplate) {
        for spec in specs {
            let existing = incident.obligations.contains {
                $0.kind == spec.kind && $0.ownerRelation == spec.owner && $0.status != .cancelled
                    && $0.openedAt >= incident.openedAt
            }
            if existing { continue }
            let dueAt = input.due(spec.deadline, clock: spec.clock)
            let holder = input.directory.officers(spec.owner, of: incident.unitID).first
            let owner = holder.flatMap { input.directory.standingIn(for: $0, at: input.now) }
            var obligation = Obligation(
                id: DerivedID.obligation(
                    incident: incident.id,
                    event: input.event.eventID,
                    kind: spec.kind,
                    owner: spec.owner
                ),
                incidentID: incident.id,
                kind: spec.kind,
                ownerRelation: spec.owner,
                ownerOfficerID: owner?.id,
                openedByEventID: input.event.eventID,
                openedAt: input.now,
                dueAt: dueAt,
                remindersAt: input.reminders(spec.reminders, before: dueAt, clock: spec.clock),
                reason: spec.reason,
                reasonID: spec.reasonID,
                chain: spec.chain
            )
            obligation.clock = spec.clock
            if let holder, owner?.id != holder.id { obligation.delegatedFrom = holder.id }
            incident.obligations.append(obligation)
            decision.obligationsOpened.append(obligation)
            let working = input.calendar.isWorking(at: input.now)
            let call = spec.call.calls(inWorkingTime: working)
            alert(
                spec.owner,
                template: template,
                reason: "obligation:\(spec.kind.rawValue)",
                obligation: obligation.id,
                byVoice: call
            )
            // Out of working hours an urgent obligation reaches the authority's duty officer too.
            if spec.urgent, !working {
                alert(
                    .dutyOfficer,
                    template: template,
                    reason: "duty:\(spec.kind.rawValue)",
                    obligation: obligation.id,
                    byVoice: call
                )
            }
        }
    }

    /// Replaces a pre-existing obligation and records the change.
    mutating func change(_ obligation: Obligation) {
        guard let index = incident.obligations.firstIndex(where: { $0.id == obligation.id }) else { return }
        incident.obligations[index] = obligation
        decision.obligationsChanged.removeAll { $0.id == obligation.id }
        decision.obligationsChanged.append(obligation)
    }

    /// The finished decision, outcome applied.
    func finish() -> RoutingDecision {
        var result = decision
        result.incident = incident
        return result
    }
}
