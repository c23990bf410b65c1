import Foundation
import Testing

@testable import WatchpostCore

/// Interprets a list of random integers as a sequence of events on one incident: realistic
/// steps, garbage, enforcer ticks. The same codes always give the same events.
struct RandomScript {
    let directory: Directory
    let policy: Policy
    let school: UnitID
    let category: IncidentCategory
    let severity: Severity
    let codes: [Int]

    private var actors: [EventSource] {
        let relations: [Relation] = [.schoolHead, .schoolDeputy, .communePoliceLiaison, .authorityDesk]
        var ids = relations.compactMap { directory.officers($0, of: school).first?.id }
        ids.append("gs-thcs-binh-son")  // a monitor of another school when `school` is not thcs-binh-son
        return ids.map { EventSource(kind: .officer, id: $0) }
    }

    /// Runs the script; `check` sees the state before, the decision, and the state after each step.
    func run(check: (IncidentState?, RoutingDecision, IncidentState?) -> Void = { _, _, _ in }) -> [RoutingDecision] {
        var state = Run(directory, policy)
        var now = Fixture.t0
        func apply(_ event: Event) {
            let before = state.incident
            let decision = state.apply(event, at: now)
            check(before, decision, state.incident)
        }
        apply(Fixture.report(category: category, severity: severity, unit: school, event: Fixture.uuid(1_000)))
        let actors = self.actors
        for (index, code) in codes.enumerated() {
            now = now.addingTimeInterval(60)
            let arg = code / 10
            let actor = actors[arg % actors.count]
            let id = 1_001 + index
            func event(_ payload: EventPayload, by source: EventSource) -> Event {
                Fixture.event(payload, by: source, id: id, unit: school, at: now)
            }
            switch code % 10 {
            case 0: apply(event(.acknowledged(IncidentAcknowledged()), by: actor))
            case 1:
                let action = ActionKind.allCases[arg % ActionKind.allCases.count]
                apply(event(.actionRecorded(ActionRecorded(action: action)), by: actors[(arg / 7) % actors.count]))
            case 2, 3:
                now = now.addingTimeInterval(Double(arg % 600) * 60)
                for obligation in state.incident?.openObligations ?? [] {
                    guard let incident = state.incident,
                        let escalation = DeadlineEnforcer.escalationEvent(
                            for: obligation,
                            incident: incident,
                            policy: policy,
                            now: now
                        )
                    else { continue }
                    apply(escalation)
                }
            case 4: apply(event(.updated(IncidentUpdated(severity: Severity.allCases[arg % 4])), by: actor))
            case 5: apply(event(.resolved(IncidentResolved()), by: actor))
            case 6: apply(event(.reopened(IncidentReopened(reason: "lại xuất hiện")), by: actor))
            case 7:
                let obligations = state.incident?.obligations ?? []
                let target = obligations.isEmpty ? nil : obligations[arg % obligations.count].id
                apply(
                    event(
                        .escalated(IncidentEscalated(level: arg % 4, reason: .deadlineMissed, obligationID: target)),
                        by: DeadlineEnforcer.source
                    )
                )
            case 8:
                apply(Fixture.report(category: category, unit: school, event: Fixture.uuid(id), by: actor))
            default:
                // An event for an incident nobody reported.
                apply(
                    Fixture.event(
                        .acknowledged(IncidentAcknowledged()),
                        by: actor,
                        id: id,
                        incident: Fixture.uuid(arg + 50_000),
                        unit: school,
                        at: now
                    )
                )
            }
        }
        return state.decisions
    }
}
