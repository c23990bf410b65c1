import Foundation

extension Router {
    /// A report opens an incident, or attaches to the open one with the same dedup key.
    static func routeReport(_ report: IncidentReported, school: Unit, _ input: RoutingInput) -> RoutingDecision {
        let event = input.event
        if let note = Responsibility.check(
            .report,
            source: event.source,
            school: school.id,
            incident: nil,
            directory: input.directory
        ) {
            return reject(input, note)
        }
        let evidence = Evidence(
            eventID: event.eventID,
            reportedBy: event.source,
            reportedAt: event.occurredAt,
            platform: report.platform,
            urls: report.urls,
            summary: report.summary,
            severity: report.severity,
            category: report.category,
            subjects: report.subjects
        )
        if let existing = input.incident {
            guard existing.status.isOpen else { return ignore(input, existing, closedNote(existing)) }
            guard existing.unitID == event.unitID else {
                return reject(
                    input,
                    RoutingNote(
                        .unitMismatch,
                        "the report names unit `\(event.unitID)`, the incident belongs to `\(existing.unitID)`"
                    )
                )
            }
            return attach(evidence, to: existing, school: school, input)
        }
        // The store's lookup is trusted only when it really is an open duplicate in this unit.
        if let open = input.openIncidentForDedupKey, open.status.isOpen, open.unitID == event.unitID,
            open.dedupKey == report.dedupKey
        {
            return attach(evidence, to: open, school: school, input)
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

    /// A further report of the same content: it becomes evidence, and the incident takes what it
    /// adds (`IncidentState.attach`). Whatever the stronger report's classification calls for and
    /// is not owed yet is opened now, counting from now: relations it newly concerns hear of the
    /// incident as new, as they would have had that report come first; owners told before hear of
    /// their new obligations as an update; nobody else is paged again (D32).
    private static func attach(_ evidence: Evidence, to incident: IncidentState, school: Unit, _ input: RoutingInput)
        -> RoutingDecision
    {
        if incident.evidence.contains(where: { $0.eventID == evidence.eventID }) {
            return ignore(
                input,
                incident,
                RoutingNote(.duplicateReport, "report \(DerivedID.key(evidence.eventID)) is already attached")
            )
        }
        var builder = DecisionBuilder(input: input, incident: incident)
        let before = plan(for: incident, school: school, input.policy)
        builder.incident.attach(evidence)
        applyPlanChange(
            &builder,
            from: before,
            school: school,
            countingFrom: input.now,
            newcomers: .incidentNew,
            told: .incidentUpdated,
            alertOnce: true
        )
        builder.decision.evidenceAttached = evidence
        return builder.finish()
    }
}
