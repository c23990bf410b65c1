import Foundation
import Testing
import WatchpostCore
import WatchpostStore

@Suite(.timeLimit(.minutes(5)))
struct StoreRoundTripTests {
    /// Drives one incident through most of its lifecycle in memory and through the store, one
    /// batch per event, and compares the loaded state with the in-memory one after every step.
    @Test func incidentStateSurvivesTheStoreExactly() async throws {
        try await StoreTestDatabase.with { pool in
            let (directory, policy) = (try StoreFixture.directory(), try StoreFixture.policy())
            let store = try StoreFixture.eventStore(pool)
            let queries = StoreQueries(pool: pool)
            let incident = UUID()
            let url = "https://www.tiktok.com/@someone/video/123"
            var state: IncidentState?
            var offset: Int64 = 0

            func step(_ event: Event, at now: Date) async throws {
                let decision = Router.route(
                    RoutingInput(
                        event: event,
                        incident: event.incidentID == incident ? state : nil,
                        openIncidentForDedupKey: event.incidentID == incident ? nil : state,
                        directory: directory,
                        policy: policy,
                        now: now
                    )
                )
                #expect(decision.outcome == .applied, "\(event.type.rawValue): \(decision.outcome)")
                state = decision.incident
                let summary = try await store.applyBatch(
                    StoreFixture.inbound([event], from: offset),
                    rejected: [],
                    now: now
                )
                offset += 1
                #expect(summary.applied == 1)
                let loaded = try await queries.incidentSummary(incident)?.state
                #expect(loaded == state, "after \(event.type.rawValue)")
            }

            try await step(
                StoreFixture.report(incident: incident, category: .lawViolationSigns, severity: .critical, url: url),
                at: StoreFixture.t0
            )
            try await step(
                StoreFixture.report(incident: UUID(), category: .lawViolationSigns, url: url + "?utm_source=x"),
                at: StoreFixture.minutes(1)
            )
            try await step(
                StoreFixture.event(
                    .updated(
                        IncidentUpdated(
                            summary: "Đã xác minh",
                            addedURLs: ["https://example.org/copy"],
                            addedSubjects: [.teacher]
                        )
                    ),
                    incident: incident,
                    by: StoreFixture.monitor
                ),
                at: StoreFixture.minutes(2)
            )
            let overdue = try #require(state?.openObligations.first { $0.kind == .acknowledge })
            let current = try #require(state)
            let escalation = try #require(
                DeadlineEnforcer.escalationEvent(
                    for: overdue,
                    incident: current,
                    policy: policy,
                    now: StoreFixture.minutes(45)
                )
            )
            try await step(escalation, at: StoreFixture.minutes(45))
            try await step(
                StoreFixture.event(.acknowledged(IncidentAcknowledged(note: "Tiếp nhận")), incident: incident),
                at: StoreFixture.minutes(50)
            )
            try await step(
                StoreFixture.event(
                    .actionRecorded(ActionRecorded(action: .policeNotified, evidenceURL: "https://example.org/report")),
                    incident: incident
                ),
                at: StoreFixture.minutes(55)
            )
            try await step(
                StoreFixture.event(.resolved(IncidentResolved(note: "Xong")), incident: incident),
                at: StoreFixture.minutes(90)
            )
            try await step(
                StoreFixture.event(
                    .reopened(IncidentReopened(reason: "Đăng lại")),
                    incident: incident,
                    by: StoreFixture.monitor
                ),
                at: StoreFixture.minutes(120)
            )
            let final = try #require(state)
            #expect(final.evidence.count == 2 && final.reopenCount == 1 && final.escalationLevel == 1)
            #expect(
                final.obligations.contains { $0.status == .cancelled }
                    && final.obligations.contains { $0.status == .met }
            )
        }
    }
}
