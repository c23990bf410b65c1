import Foundation
import Testing
import WatchpostCore
import WatchpostNotify
import WatchpostPresentation

/// The shipped configuration, a signer, and incidents driven through the real router, for the
/// template tests.
enum TemplateFixture {
    /// 29 Nov 2026, 14:30 in Asia/Ho_Chi_Minh (07:30 UTC).
    static let t0 = Date(timeIntervalSince1970: 1_795_937_400)
    static let secret = "test-link-secret-of-at-least-32-bytes!"
    static let baseURL = "https://watchpost.example.invalid"
    static let school: UnitID = "thcs-binh-son"
    static let head: OfficerID = "ht-thcs-binh-son"
    static let monitor: OfficerID = "gs-thcs-binh-son"
    static let contentURL = "https://www.facebook.com/share/p/abc123"

    static let repoRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func shipped() throws -> (Directory, Policy) {
        (
            try Directory.load(contentsOf: repoRoot.appendingPathComponent("Config/directory.yaml")),
            try Policy.load(contentsOf: repoRoot.appendingPathComponent("Config/routing.yaml"))
        )
    }

    static func signer() throws -> AcknowledgeLinkSigner {
        try AcknowledgeLinkSigner(baseURL: baseURL, secret: secret)
    }

    static func renderer() throws -> AlertRenderer { AlertRenderer(signer: try signer()) }

    static func uuid(_ n: Int) -> UUID { UUID.v5(namespace: .watchpost, name: "template-test:\(n)") }

    static func minutes(_ m: Double) -> Date { t0.addingTimeInterval(m * 60) }

    /// `hour`:`minute` on Monday 30 November 2026, the working day after `t0` (a Sunday): the
    /// head's acknowledgement, on working time, is due at 09:00 for a report at `t0`.
    static func monday(_ hour: Int, _ minute: Int = 0) -> Date {
        CivilDay(year: 2026, month: 11, day: 30).at(hour: hour, minute: minute)
    }

    static func officer(_ id: OfficerID) -> EventSource { EventSource(kind: .officer, id: id) }

    static func report(
        _ category: IncidentCategory,
        severity: Severity,
        subjects: [SubjectRole] = [.student],
        summary: String = "Clip học sinh xô xát trước cổng trường được chia sẻ trong nhóm phụ huynh",
        event: Int = 100
    ) -> Event {
        Event(
            eventID: uuid(event),
            incidentID: uuid(1),
            occurredAt: t0,
            source: officer(monitor),
            unitID: school,
            payload: .reported(
                IncidentReported(
                    platform: .facebook,
                    urls: [contentURL],
                    category: category,
                    severity: severity,
                    subjects: subjects,
                    summary: summary,
                    dedupKey: DedupKey.normalise(url: contentURL)
                )
            )
        )
    }

    static func event(_ payload: EventPayload, by source: EventSource, id: Int, at date: Date) -> Event {
        Event(
            eventID: uuid(id),
            incidentID: uuid(1),
            occurredAt: date,
            source: source,
            unitID: school,
            payload: payload
        )
    }
}

/// One incident carried through the router the way the store would carry it.
struct TemplateScenario {
    let directory: Directory
    var policy: Policy
    var incident: IncidentState?
    /// Every alert decided so far, in order: what "who else has been told" is built from.
    var alerts: [Alert] = []

    /// `report` routed at `t0`; `editPolicy` changes the shipped `routing.yaml` text first.
    init(_ report: Event, editPolicy: ((String) -> String)? = nil) throws {
        (directory, policy) = try TemplateFixture.shipped()
        if let editPolicy {
            let url = TemplateFixture.repoRoot.appendingPathComponent("Config/routing.yaml")
            policy = try Policy.load(
                yaml: editPolicy(try String(contentsOf: url, encoding: .utf8)),
                file: "routing.yaml"
            )
        }
        let decision = try apply(report, at: TemplateFixture.t0)
        #expect(decision.outcome == .applied)
    }

    @discardableResult
    mutating func apply(_ event: Event, at now: Date, duplicateOf open: IncidentState? = nil) throws -> RoutingDecision
    {
        let decision = Router.route(
            RoutingInput(
                event: event,
                incident: open == nil ? incident : nil,
                openIncidentForDedupKey: open,
                directory: directory,
                policy: policy,
                now: now
            )
        )
        try #require(decision.outcome == .applied, "\(event.type.rawValue): \(String(describing: decision.outcome))")
        incident = decision.incident
        alerts += decision.alerts
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
        return try apply(event, at: now)
    }

    func obligation(_ kind: ObligationKind) throws -> Obligation {
        try #require(incident?.obligations.last { $0.kind == kind })
    }

    /// The context of `alert` as the dispatcher would build it: everyone else told so far.
    func context(_ alert: Alert, locale: DisplayLocale? = nil, missedDeadline: Date? = nil, now: Date) throws
        -> AlertContext
    {
        let state = try #require(incident)
        return try AlertContext(
            alert: alert,
            incident: state,
            directory: directory,
            alsoTold: NotifiedParty.from(alerts: alerts, directory: directory, excluding: alert.recipient),
            missedDeadline: missedDeadline,
            locale: locale,
            now: now
        )
    }

    func name(_ officer: OfficerID) throws -> String { try #require(directory.officer(officer)).name }
}

extension RoutingDecision {
    func alert(_ template: AlertTemplate, to officer: OfficerID) throws -> Alert {
        try #require(alerts.first { $0.template == template && $0.recipient == officer })
    }
}
