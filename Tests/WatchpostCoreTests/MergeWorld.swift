import Foundation
import Testing

@testable import WatchpostCore

/// Routes events for many incidents the way a worker's batch does (`BatchRun.route` in the store):
/// incidents by id, the alias ids of reports merged into another incident, the open incident
/// per unit and dedup key, which a report of a known post attaches to, and the survivor a merge
/// or an unmerge names (D60).
struct MergeWorld {
    let directory: Directory
    let policy: Policy
    private(set) var states: [UUID: IncidentState] = [:]
    private(set) var aliases: [UUID: UUID] = [:]
    private(set) var decisions: [RoutingDecision] = []
    private var openByKey: [String: UUID] = [:]
    /// When the next event is applied, unless `apply` is given a time; a minute later each event.
    var now = Fixture.t0

    init(_ directory: Directory, _ policy: Policy) {
        self.directory = directory
        self.policy = policy
    }

    /// Routes `event` against the state the store would give the router, then keeps the result.
    @discardableResult
    mutating func apply(_ event: Event, at instant: Date? = nil) -> RoutingDecision {
        now = instant ?? now.addingTimeInterval(60)
        var duplicateOf: IncidentState?
        if case .reported(let report) = event.payload, let id = openByKey[Self.slot(event.unitID, report.dedupKey)] {
            duplicateOf = states[id]
        }
        let decision = Router.route(
            RoutingInput(
                event: event,
                incident: states[aliases[event.incidentID] ?? event.incidentID],
                openIncidentForDedupKey: duplicateOf,
                survivor: event.payload.survivorID.flatMap { states[aliases[$0] ?? $0] },
                directory: directory,
                policy: policy,
                now: now
            )
        )
        if decision.outcome == .applied, let id = decision.incidentID, let state = decision.incident {
            if case .reported = event.payload, id != event.incidentID, aliases[event.incidentID] == nil,
                states[event.incidentID] == nil
            {
                aliases[event.incidentID] = id
            }
            for changed in [state] + (decision.survivor.map { [$0] } ?? []) {
                states[changed.id] = changed
                let slot = Self.slot(changed.unitID, changed.dedupKey)
                if changed.status.isOpen {
                    if openByKey[slot] == nil { openByKey[slot] = changed.id }
                } else if openByKey[slot] == changed.id {
                    openByKey[slot] = nil
                }
            }
        }
        decisions.append(decision)
        return decision
    }

    /// The incident of the post `dedupKey` at `unit`.
    func incident(unit: UnitID, dedupKey: String) -> IncidentState? {
        states.values.first { $0.unitID == unit && $0.dedupKey == dedupKey }
    }

    /// Every alert decided about `incident`.
    func alerts(of incident: UUID) -> [Alert] {
        decisions.flatMap(\.alerts).filter { $0.incidentID == incident }
    }

    private static func slot(_ unit: UnitID, _ key: String) -> String { "\(unit)|\(key)" }
}

/// Builds the events of the merge tests: reports from a monitoring tool, follow-ups by officers.
enum MergeEvents {
    static let tool = EventSource(kind: .tool, id: "social-listening")

    static func report(
        _ category: IncidentCategory,
        _ severity: Severity,
        subjects: [SubjectRole] = [.student],
        url: String = "https://www.facebook.com/share/p/merge",
        dedupKey: String = "merge-post",
        unit: UnitID = "thcs-binh-son",
        incident: UUID,
        event: UUID,
        at date: Date = Fixture.t0
    ) -> Event {
        Event(
            eventID: event,
            incidentID: incident,
            occurredAt: date,
            source: tool,
            unitID: unit,
            payload: .reported(
                IncidentReported(
                    platform: .facebook,
                    urls: [url],
                    category: category,
                    severity: severity,
                    subjects: subjects,
                    summary: "Bài đăng về \(category.rawValue), mức \(severity.rawValue)",
                    dedupKey: dedupKey
                )
            )
        )
    }
}
