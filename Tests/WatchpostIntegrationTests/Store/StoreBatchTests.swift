import Foundation
import Postgres
import Testing
import WatchpostCore
import WatchpostStore

@Suite(.timeLimit(.minutes(5)))
struct StoreBatchTests {
    @Test func reportAcknowledgementAndActionYieldTheRouterDecisions() async throws {
        try await StoreTestDatabase.with { pool in
            let store = try StoreFixture.eventStore(pool)
            let incident = UUID()
            let events = [
                StoreFixture.report(incident: incident, category: .falseInformation),
                StoreFixture.event(.acknowledged(IncidentAcknowledged(note: "Đã nắm")), incident: incident),
                StoreFixture.event(.actionRecorded(ActionRecorded(action: .contentRemoved)), incident: incident),
            ]
            // The same events through the pure router, as the expectation.
            let (directory, policy) = (try StoreFixture.directory(), try StoreFixture.policy())
            var state: IncidentState?
            var decisions: [RoutingDecision] = []
            for event in events {
                let decision = Router.route(
                    RoutingInput(
                        event: event,
                        incident: state,
                        directory: directory,
                        policy: policy,
                        now: StoreFixture.t0
                    )
                )
                state = decision.incident
                decisions.append(decision)
            }
            let expectedAlerts = decisions.flatMap(\.alerts)

            let summary = try await store.applyBatch(StoreFixture.inbound(events), rejected: [], now: StoreFixture.t0)
            #expect(summary.stored == 3 && summary.applied == 3 && summary.duplicates == 0)
            #expect(summary.routingRejected.isEmpty)
            #expect(summary.obligationsOpened == 3)
            #expect(summary.alerts == expectedAlerts.count && summary.deliveries == expectedAlerts.count)

            let counts = try await StoreQueries(pool: pool).counts()
            #expect(counts.events == 3 && counts.incidents == 1 && counts.evidence == 1)
            #expect(counts.obligations == 3 && counts.openObligations == 1)
            #expect(counts.alerts == expectedAlerts.count && counts.pendingDeliveries == expectedAlerts.count)
            let stored = try #require(try await StoreQueries(pool: pool).incidentSummary(incident))
            #expect(stored.state == state)
            #expect(stored.state.status == .mitigating)
            #expect(Set(stored.alerts.map(\.alert)) == Set(expectedAlerts))
            #expect(stored.alerts.allSatisfy { $0.deliveryStatus == "pending" })
            #expect(stored.authorityID == "vhxh-xa-binh-son" && stored.communeID == "xa-binh-son")
            let outcomes = try await StoreTestDatabase.scalar(
                pool,
                "SELECT count(*) FROM events WHERE outcome = 'applied'"
            )
            #expect(outcomes == 3)
        }
    }

    @Test func applyingTheSameBatchTwiceChangesNothing() async throws {
        try await StoreTestDatabase.with { pool in
            let store = try StoreFixture.eventStore(pool)
            var events: [Event] = []
            for index in 0..<20 {
                let incident = UUID()
                events.append(
                    StoreFixture.report(incident: incident, category: index % 2 == 0 ? .schoolViolence : .other)
                )
                events.append(StoreFixture.event(.acknowledged(IncidentAcknowledged()), incident: incident))
            }
            // An acknowledgement of an incident never reported: the router rejects it.
            events.append(StoreFixture.event(.acknowledged(IncidentAcknowledged()), incident: UUID()))
            let batch = StoreFixture.inbound(events)
            let garbage = RejectedInput(
                topic: StoreFixture.topic,
                partition: 0,
                offset: 1_000,
                key: Array("k".utf8),
                raw: Array("{not json".utf8),
                reason: "input: is not valid JSON",
                problems: [StoredProblem(EventProblem(path: "", code: .notJSON, reason: "is not valid JSON"))]
            )

            let first = try await store.applyBatch(batch, rejected: [garbage], now: StoreFixture.t0)
            #expect(first.stored == 41 && first.routingRejected.count == 1 && first.rejectedStored == 1)
            let queries = StoreQueries(pool: pool)
            let before = try await queries.counts()
            let lastUpdate = try await StoreTestDatabase.scalar(
                pool,
                "SELECT (extract(epoch FROM max(updated_at)) * 1000000)::bigint FROM incidents"
            )

            let second = try await store.applyBatch(batch, rejected: [garbage], now: StoreFixture.minutes(5))
            #expect(second.stored == 0 && second.rerouted == 0 && second.duplicates == 41)
            #expect(second.applied == 0 && second.alerts == 0 && second.rejectedStored == 0)
            #expect(try await queries.counts() == before)
            #expect(
                try await StoreTestDatabase.scalar(
                    pool,
                    "SELECT (extract(epoch FROM max(updated_at)) * 1000000)::bigint FROM incidents"
                ) == lastUpdate
            )
            #expect(before.events == 41 && before.incidents == 20 && before.rejected == 2)
        }
    }

    @Test func routerRejectionIsRecordedAndRoutedAgainOnlyWhenReplayedWithItsMark() async throws {
        try await StoreTestDatabase.with { pool in
            let store = try StoreFixture.eventStore(pool)
            let incident = UUID()
            let acknowledgement = StoreFixture.event(.acknowledged(IncidentAcknowledged()), incident: incident)
            let early = try await store.applyBatch(
                StoreFixture.inbound([acknowledgement]),
                rejected: [],
                now: StoreFixture.t0
            )
            #expect(
                early.routingRejected.flatMap(\.problems).map(\.code) == [RoutingNote.Code.unknownIncident.rawValue]
            )
            let deadLetters = DeadLetterStore(pool: pool)
            let recorded = try await deadLetters.rejectedEvents(limit: 10)
            #expect(recorded.count == 1)
            #expect(recorded.first?.stage == .routing && recorded.first?.eventID == acknowledgement.eventID)
            #expect(recorded.first?.problems.map(\.code) == ["unknown_incident"])
            let refusal = try #require(recorded.first?.id)

            let report = StoreFixture.report(incident: incident)
            _ = try await store.applyBatch(StoreFixture.inbound([report], from: 1), rejected: [], now: StoreFixture.t0)
            // A redelivery of the same offset is a duplicate.
            let redelivered = try await store.applyBatch(
                StoreFixture.inbound([acknowledgement]),
                rejected: [],
                now: StoreFixture.t0
            )
            #expect(redelivered.duplicates == 1 && redelivered.applied == 0)
            // A copy at a new offset without the mark, or naming another refusal, is a replay.
            for mark in [nil, refusal + 1] {
                let copied = try await store.applyBatch(
                    StoreFixture.inbound([acknowledgement], from: 2, replayOf: mark),
                    rejected: [],
                    now: StoreFixture.t0
                )
                #expect(copied.replaysRefused.map(\.latestRefusal) == [refusal])
                #expect(copied.rerouted == 0 && copied.applied == 0 && copied.routingRejected.isEmpty)
            }
            #expect(try await StoreQueries(pool: pool).incidentSummary(incident)?.state.status == .reported)
            // Marked as the replay of its refusal, as `dlq replay` sends it: routed again.
            let replayed = try await store.applyBatch(
                StoreFixture.inbound([acknowledgement], from: 4, replayOf: refusal),
                rejected: [],
                now: StoreFixture.t0
            )
            #expect(replayed.rerouted == 1 && replayed.applied == 1)
            let replay = DeadLetterReplay(
                rejectionID: refusal,
                by: "operator",
                at: StoreFixture.t0,
                edited: false,
                topic: "watchpost.events",
                partition: 0,
                offset: 4
            )
            try await deadLetters.record(replay, value: try #require(recorded.first?.raw))
            #expect(try await deadLetters.rejectedEvents(limit: 10).isEmpty)
            #expect(try await deadLetters.rejectedEvents(limit: 10, includeReplayed: true).count == 1)
            let state = try #require(try await StoreQueries(pool: pool).incidentSummary(incident)).state
            #expect(state.status == .acknowledged)
        }
    }

    @Test func aReplayRefusedAgainCannotBeReplayedUnderTheSameMark() async throws {
        try await StoreTestDatabase.with { pool in
            let store = try StoreFixture.eventStore(pool)
            let acknowledgement = StoreFixture.event(.acknowledged(IncidentAcknowledged()), incident: UUID())
            _ = try await store.applyBatch(StoreFixture.inbound([acknowledgement]), rejected: [], now: StoreFixture.t0)
            let first = try #require(try await DeadLetterStore(pool: pool).rejectedEvents(limit: 10).first?.id)
            // The replay is routed and refused again (still no report): a new refusal is recorded.
            let replayed = try await store.applyBatch(
                StoreFixture.inbound([acknowledgement], from: 1, replayOf: first),
                rejected: [],
                now: StoreFixture.t0
            )
            #expect(replayed.rerouted == 1)
            #expect(
                replayed.routingRejected.flatMap(\.problems).map(\.code) == [RoutingNote.Code.unknownIncident.rawValue]
            )
            let refusals = try await DeadLetterStore(pool: pool).rejectedEvents(limit: 10, includeReplayed: true)
            let second = try #require(refusals.map(\.id).max())
            #expect(second > first)
            // A copy of that replay message, mark and all, names a refusal already used.
            let copied = try await store.applyBatch(
                StoreFixture.inbound([acknowledgement], from: 2, replayOf: first),
                rejected: [],
                now: StoreFixture.t0
            )
            #expect(copied.replaysRefused.map(\.latestRefusal) == [second] && copied.rerouted == 0)
            #expect(copied.routingRejected.isEmpty)
        }
    }

    /// The whole batch commits together or not at all: every row it writes carries the id of
    /// one transaction (`xmin`), another than the earlier batch's. How long it takes is measured
    /// by `scripts/bench`.
    @Test func batchOfFiveHundredEventsIsAppliedInOneTransaction() async throws {
        try await StoreTestDatabase.with { pool in
            let store = try StoreFixture.eventStore(pool)
            _ = try await store.applyBatch(
                StoreFixture.inbound([StoreFixture.report()]),
                rejected: [],
                now: StoreFixture.t0
            )
            var events: [Event] = []
            for index in 0..<200 {
                let incident = UUID()
                events.append(
                    StoreFixture.report(incident: incident, category: index % 3 == 0 ? .lawViolationSigns : .other)
                )
                events.append(StoreFixture.event(.acknowledged(IncidentAcknowledged()), incident: incident))
                if index % 2 == 0 {
                    events.append(
                        StoreFixture.event(.actionRecorded(ActionRecorded(action: .policeNotified)), incident: incident)
                    )
                }
            }
            #expect(events.count == 500)
            let before = try await StoreQueries(pool: pool).counts()
            let summary = try await store.applyBatch(
                StoreFixture.inbound(events, from: 10),
                rejected: [],
                now: StoreFixture.t0
            )
            #expect(summary.stored == 500 && summary.applied == 500)
            let after = try await StoreQueries(pool: pool).counts()
            #expect(after.events - before.events == 500)
            #expect(after.incidents - before.incidents == 200)
            #expect(after.obligations - before.obligations == summary.obligationsOpened)
            #expect(after.alerts - before.alerts == summary.alerts)
            // The rows of both batches, per table: one transaction id for each batch.
            for table in ["events", "incidents", "obligations", "alerts", "deliveries"] {
                let transactions = try await StoreTestDatabase.scalar(
                    pool,
                    PostgresQuery(unsafeSQL: "SELECT count(DISTINCT xmin::text) FROM \(table)")
                )
                #expect(transactions == 2, "\(table) rows were written by \(transactions) transactions")
            }
        }
    }
}
