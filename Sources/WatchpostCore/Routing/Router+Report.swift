import Foundation

extension Router {
    /// A report opens an incident, or attaches to the open one with the same dedup key.
    static func routeReport(_ report: IncidentReported, school: Unit, _ input: RoutingInput) -> RoutingDecision {
        let event = input.event
        if let note = Responsibility.check(.report, source: event.source, school: school.id, directory: input.directory)
        {
            return reject(input, note)
        }
        let evidence = Evidence(
            eventID: event.eventID,
            reportedBy: event.source,
            reportedAt: event.occurredAt,
            platform: report.platform,
            urls: report.urls,
            summary: report.summary,
            severity: report.severity
        )
        if let existing = input.incident {
            guard existing.status.isOpen else {
                return ignore(
                    input,
                    existing,
                    RoutingNote(
                        .incidentResolved,
                        "incident \(DerivedID.key(existing.id)) is resolved; reopen it first"
                    )
                )
            }
            guard existing.unitID == event.unitID else {
                return reject(
                    input,
                    RoutingNote(
                        .unitMismatch,
                        "the report names unit `\(event.unitID)`, the incident belongs to `\(existing.unitID)`"
                    )
                )
            }
            return attach(evidence, to: existing, input)
        }
        // The store's lookup is trusted only when it really is an open duplicate in this unit.
        if let open = input.openIncidentForDedupKey, open.status.isOpen, open.unitID == event.unitID,
            open.dedupKey == report.dedupKey
        {
            return attach(evidence, to: open, input)
        }
        let incident = IncidentState(
            id: event.incidentID,
            unitID: school.id,
            report: report,
            reportedAt: event.occurredAt,
            openedAt: input.now,
            evidence: evidence
        )
        var builder = DecisionBuilder(input: input, incident: incident)
        applyPlan(&builder, school: school, template: .incidentNew)
        return builder.finish()
    }

    /// Alerts the plan's relations and opens its obligations, owners first.
    static func applyPlan(_ builder: inout DecisionBuilder, school: Unit, template: AlertTemplate) {
        let plan = builder.input.policy.plan(for: builder.incident.facts(schoolKind: school.kind))
        builder.open(plan.obligations, template: template)
        for planned in plan.alerts {
            builder.alert(planned.relation, template: template, reason: "rule:\(planned.rule)")
        }
    }

    /// PagerDuty-style deduplication: the report becomes evidence; nobody is paged again.
    private static func attach(_ evidence: Evidence, to incident: IncidentState, _ input: RoutingInput)
        -> RoutingDecision
    {
        if incident.evidence.contains(where: { $0.eventID == evidence.eventID }) {
            return ignore(
                input,
                incident,
                RoutingNote(.duplicateReport, "report \(DerivedID.key(evidence.eventID)) is already attached")
            )
        }
        var updated = incident
        updated.evidence.append(evidence)
        for url in evidence.urls where !updated.urls.contains(url) { updated.urls.append(url) }
        var decision = RoutingDecision(
            eventID: input.event.eventID,
            incidentID: incident.id,
            outcome: .applied,
            incident: updated
        )
        decision.evidenceAttached = evidence
        return decision
    }
}
