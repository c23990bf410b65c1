import Foundation
import Testing

@testable import WatchpostCore

/// The shipped configuration and helpers to build events and run them through the router.
enum Fixture {
    /// 29 Nov 2026, 14:30 in Asia/Ho_Chi_Minh (07:30 UTC).
    static let t0 = Date(timeIntervalSince1970: 1_795_937_400)

    static let repoRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let directoryURL = repoRoot.appendingPathComponent("Config/directory.yaml")
    static let policyURL = repoRoot.appendingPathComponent("Config/routing.yaml")

    /// The shipped directory and policy; a load failure fails the calling test with its problems.
    static func shipped() throws -> (Directory, Policy) {
        (try Directory.load(contentsOf: directoryURL), try Policy.load(contentsOf: policyURL))
    }

    /// A deterministic UUID for test number `n`.
    static func uuid(_ n: Int) -> UUID {
        UUID.v5(namespace: .watchpost, name: "test:\(n)")
    }

    static func minutes(_ m: Double) -> Date { t0.addingTimeInterval(m * 60) }

    /// `hour`:`minute` on Monday 30 November 2026, the working day after `t0` (a Sunday): when
    /// the deadlines the policy runs on working time (the head's acknowledgement, the desk's
    /// receipt) fall due for a report at `t0`. The head's is due at 09:00, the desk's at 11:00.
    static func monday(_ hour: Int, _ minute: Int = 0) -> Date {
        CivilDay(year: 2026, month: 11, day: 30).at(hour: hour, minute: minute)
    }

    static func officer(_ id: OfficerID) -> EventSource { EventSource(kind: .officer, id: id) }

    static func report(
        category: IncidentCategory,
        severity: Severity = .medium,
        platform: Platform = .facebook,
        subjects: [SubjectRole] = [.student],
        url: String = "https://www.facebook.com/share/p/abc123",
        unit: UnitID = "thcs-binh-son",
        incident: UUID = uuid(1),
        event: UUID = uuid(100),
        by source: EventSource = officer("gs-thcs-binh-son")
    ) -> Event {
        Event(
            eventID: event,
            incidentID: incident,
            occurredAt: t0,
            source: source,
            unitID: unit,
            payload: .reported(
                IncidentReported(
                    platform: platform,
                    urls: [url],
                    category: category,
                    severity: severity,
                    subjects: subjects,
                    summary: "Nội dung cần xử lý",
                    dedupKey: DedupKey.normalise(url: url)
                )
            )
        )
    }

    static func event(
        _ payload: EventPayload,
        by source: EventSource,
        id: Int,
        incident: UUID = uuid(1),
        unit: UnitID = "thcs-binh-son",
        at date: Date = t0
    ) -> Event {
        Event(eventID: uuid(id), incidentID: incident, occurredAt: date, source: source, unitID: unit, payload: payload)
    }
}

/// Feeds events one by one through the router, carrying the incident state the way the store would.
struct Run {
    let directory: Directory
    let policy: Policy
    var incident: IncidentState?
    var decisions: [RoutingDecision] = []

    init(_ directory: Directory, _ policy: Policy, incident: IncidentState? = nil) {
        self.directory = directory
        self.policy = policy
        self.incident = incident
    }

    @discardableResult
    mutating func apply(_ event: Event, at now: Date = Fixture.t0, openDuplicate: IncidentState? = nil)
        -> RoutingDecision
    {
        let decision = Router.route(
            RoutingInput(
                event: event,
                incident: incident,
                openIncidentForDedupKey: openDuplicate,
                directory: directory,
                policy: policy,
                now: now
            )
        )
        if decision.outcome == .applied, decision.incidentID == event.incidentID { incident = decision.incident }
        decisions.append(decision)
        return decision
    }

    /// Publishes the enforcer's escalation for the open obligation of `kind`, as the pipeline would.
    @discardableResult
    mutating func escalateOverdue(_ kind: ObligationKind, at now: Date) throws -> RoutingDecision {
        let state = try #require(incident)
        let obligation = try #require(state.openObligations.first { $0.kind == kind })
        let event = try #require(
            DeadlineEnforcer.escalationEvent(for: obligation, incident: state, policy: policy, now: now)
        )
        return apply(event, at: now)
    }

    func obligation(_ kind: ObligationKind) -> Obligation? {
        incident?.obligations.last { $0.kind == kind }
    }
}

extension RoutingDecision {
    /// The recipients of alerts with `template`, in order.
    func recipients(_ template: AlertTemplate) -> [OfficerID] {
        alerts.filter { $0.template == template }.map(\.recipient)
    }

    /// The relations alerted with `template`.
    func relations(_ template: AlertTemplate) -> Set<Relation> {
        Set(alerts.filter { $0.template == template }.map(\.relation))
    }
}
