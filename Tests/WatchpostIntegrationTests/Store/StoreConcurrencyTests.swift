import Foundation
import Postgres
import Testing
import WatchpostTestSupport
import WatchpostCore
import WatchpostStore

@Suite(.timeLimit(.minutes(5)))
struct StoreConcurrencyTests {
    /// Forces the race: worker A has inserted its incident but not committed (a held table lock
    /// stops it before its deliveries), worker B reports the same post under another incident id.
    @Test func concurrentReportsOfOnePostOpenOneIncident() async throws {
        try await StoreTestDatabase.with { pool in
            let store = try StoreFixture.eventStore(pool)
            let url = "https://zalo.me/post/42"
            let (first, second) = (UUID(), UUID())
            let blocker = try await PostgresConnection.connect(configuration: pool.configuration)
            try await blocker.executeScript("BEGIN; LOCK TABLE deliveries IN EXCLUSIVE MODE")
            let waiting: PostgresQuery = """
                SELECT count(*) FROM pg_stat_activity
                WHERE datname = current_database() AND wait_event_type = 'Lock'
                """

            async let workerA = store.applyBatch(
                StoreFixture.inbound([StoreFixture.report(incident: first, url: url)], partition: 0),
                rejected: [],
                now: StoreFixture.t0
            )
            try await waitUntil("worker A to wait on the blocking transaction's lock") {
                try await StoreTestDatabase.scalar(pool, waiting) == 1
            }
            async let workerB: Result<BatchSummary, any Error> = {
                do {
                    return .success(
                        try await store.applyBatch(
                            StoreFixture.inbound([StoreFixture.report(incident: second, url: url)], partition: 1),
                            rejected: [],
                            now: StoreFixture.t0
                        )
                    )
                } catch {
                    return .failure(error)
                }
            }()
            try await waitUntil("worker B to wait on it too") {
                try await StoreTestDatabase.scalar(pool, waiting) == 2
            }
            try await blocker.executeScript("COMMIT")
            await blocker.close()

            #expect(try await workerA.applied == 1)
            let raced = await workerB
            guard case .failure(let error) = raced, let storeError = error as? StoreError else {
                Issue.record("worker B should have lost the race, got \(raced)")
                return
            }
            #expect(storeError.code == .concurrentIncident && storeError.isRetriable)

            let retry = try await store.applyRetrying(
                StoreFixture.inbound([StoreFixture.report(incident: second, url: url)], partition: 1),
                now: StoreFixture.t0
            )
            #expect(retry.summary.applied == 1)
            let counts = try await StoreQueries(pool: pool).counts()
            #expect(counts.incidents == 1 && counts.openIncidents == 1 && counts.evidence == 2)
            let state = try #require(try await StoreQueries(pool: pool).incidentSummary(first)).state
            #expect(state.evidence.count == 2)
            #expect(try await StoreQueries(pool: pool).incidentSummary(second) == nil)
        }
    }

    /// The same race left to chance, many times: whatever the interleaving, one incident per post.
    @Test func racingWorkersNeverOpenTwoIncidentsForOnePost() async throws {
        try await StoreTestDatabase.with { pool in
            let store = try StoreFixture.eventStore(pool)
            let rounds = 20
            try await withThrowingTaskGroup(of: Void.self) { group in
                for round in 0..<rounds {
                    for worker in 0..<2 {
                        group.addTask {
                            let event = StoreFixture.report(url: "https://facebook.com/p/\(round)")
                            _ = try await store.applyRetrying(
                                StoreFixture.inbound([event], partition: Int32(worker), from: Int64(round)),
                                now: StoreFixture.t0
                            )
                        }
                    }
                }
                try await group.waitForAll()
            }
            let counts = try await StoreQueries(pool: pool).counts()
            #expect(counts.incidents == rounds && counts.evidence == 2 * rounds && counts.events == 2 * rounds)
        }
    }

    @Test func threeEnforcersEscalateFiveHundredObligationsExactlyOnce() async throws {
        try await StoreTestDatabase.with { pool in
            let store = try StoreFixture.eventStore(pool)
            let reports = (0..<500).map { _ in StoreFixture.report() }
            let applied = try await store.applyBatch(StoreFixture.inbound(reports), rejected: [], now: StoreFixture.t0)
            #expect(applied.obligationsOpened == 500)

            let deadlines = try StoreFixture.deadlineStore(pool)
            let published = StoreCollector<Event>()
            let now = StoreFixture.minutes(180)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<3 {
                    group.addTask {
                        while true {
                            let round = try await deadlines.escalateDue(now: now, limit: 40, topic: "events")
                            guard round.claimed > 0 else { break }
                            await published.append(contentsOf: round.events)
                        }
                    }
                }
                try await group.waitForAll()
            }
            let events = await published.values
            #expect(events.count == 500)
            #expect(Set(events.map(\.eventID)).count == 500)
            let obligations = events.compactMap { event -> UUID? in
                guard case .escalated(let escalation) = event.payload, escalation.level == 1 else { return nil }
                return escalation.obligationID
            }
            #expect(Set(obligations).count == 500)
            #expect(
                try await StoreTestDatabase.scalar(
                    pool,
                    "SELECT count(*) FROM obligations WHERE escalation_requested_level = 1 AND level = 0"
                ) == 500
            )
            #expect(try await deadlines.escalateDue(now: now, limit: 40, topic: "events").claimed == 0)
            // Every escalation is queued once in the outbox, for the relay to publish.
            #expect(
                try await StoreTestDatabase.scalar(pool, "SELECT count(*) FROM outbox WHERE topic = 'events'") == 500
            )

            // Once the router applies them, the enforcer waits for the next level's first reminder,
            // an hour before its 4-hour deadline (reminders go out at every level).
            let routed = try await store.applyBatch(StoreFixture.inbound(events, from: 500), rejected: [], now: now)
            #expect(routed.applied == 500)
            #expect(try await StoreTestDatabase.scalar(pool, "SELECT count(*) FROM obligations WHERE level = 1") == 500)
            #expect(try await deadlines.nextWakeUp() == now.addingTimeInterval(3 * 3600))
            #expect(try await deadlines.obligationGauges(now: now) == (due: 0, overdue: 0))
        }
    }

    @Test func remindersAreWrittenOnceWhenSentConcurrently() async throws {
        try await StoreTestDatabase.with { pool in
            let store = try StoreFixture.eventStore(pool)
            _ = try await store.applyBatch(
                StoreFixture.inbound((0..<50).map { _ in StoreFixture.report() }),
                rejected: [],
                now: StoreFixture.t0
            )
            let deadlines = try StoreFixture.deadlineStore(pool)
            let reminders: PostgresQuery = "SELECT count(*) FROM alerts WHERE template = 'obligation.reminder'"
            // The acknowledgement is due at t0+2h with reminders 1 h and 15 min before.
            #expect(try await deadlines.nextWakeUp() == StoreFixture.minutes(60))
            for (now, expected) in [(StoreFixture.minutes(70), 50), (StoreFixture.minutes(110), 100)] {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for _ in 0..<2 {
                        group.addTask { _ = try await deadlines.sendDueReminders(now: now, limit: 1_000) }
                    }
                    try await group.waitForAll()
                }
                #expect(try await deadlines.sendDueReminders(now: now, limit: 1_000) == 0)
                #expect(try await StoreTestDatabase.scalar(pool, reminders) == expected)
            }
            #expect(
                try await StoreTestDatabase.scalar(
                    pool,
                    "SELECT count(*) FROM deliveries d JOIN alerts a ON a.id = d.alert_id WHERE a.template = 'obligation.reminder'"
                ) == 100
            )
            #expect(try await deadlines.nextWakeUp() == StoreFixture.minutes(120))
            #expect(try await deadlines.obligationGauges(now: StoreFixture.minutes(110)) == (due: 50, overdue: 0))
        }
    }
}
