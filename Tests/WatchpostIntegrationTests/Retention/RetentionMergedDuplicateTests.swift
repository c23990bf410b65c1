import Foundation
import Postgres
import Testing
import WatchpostCore
import WatchpostStore

/// A duplicate merged into another incident (D60) is closed with it: its details are purged once
/// the incident it was merged into is resolved and past the retention period, never before.
@Suite(.timeLimit(.minutes(5)))
struct RetentionMergedDuplicateTests {
    @Test func aMergedDuplicateIsPurgedOnlyOnceTheIncidentItWasMergedIntoIsDue() async throws {
        try await StoreTestDatabase.with { pool in
            let store = try StoreFixture.eventStore(pool)
            var offset: Int64 = 0
            func apply(_ events: [Event], at now: Date) async throws {
                _ = try await store.applyRetrying(StoreFixture.inbound(events, from: offset), now: now)
                offset += Int64(events.count)
            }
            let (survivor, duplicate) = (UUID(), UUID())
            let summary = "Clip học sinh bị bắt nạt được chia sẻ lại"
            func report(_ incident: UUID) -> Event {
                var event = StoreFixture.report(incident: incident, category: .schoolViolence)
                if case .reported(var body) = event.payload {
                    body.summary = summary
                    event.payload = .reported(body)
                }
                return event
            }
            try await apply([report(survivor), report(duplicate)], at: StoreFixture.t0)
            let merge = StoreFixture.event(
                .merged(IncidentMerged(into: survivor, note: "Cùng một clip")),
                incident: duplicate,
                by: EventSource(kind: .officer, id: "tp-vhxh-binh-son")
            )
            try await apply([merge], at: StoreFixture.minutes(10))
            let purgeAt = StoreFixture.t0.addingTimeInterval(400 * 86_400)
            func holdsItsSummary(_ id: UUID) async throws -> Bool {
                try await RetentionQueries.lines(pool, RetentionQueries.everything(about: id))
                    .contains { $0.contains(summary) }
            }

            // The survivor is still open: nothing of either is due, however long ago.
            #expect(try await RetentionPurgeTests.purge(pool, at: purgeAt).counts.incidents == 0)
            #expect(try await holdsItsSummary(duplicate))

            try await apply(
                [StoreFixture.event(.resolved(IncidentResolved()), incident: survivor)],
                at: StoreFixture.minutes(60)
            )
            let run = try await RetentionPurgeTests.purge(pool, at: purgeAt)
            #expect(run.counts.incidents == 2)
            #expect(try await !holdsItsSummary(survivor))
            #expect(try await !holdsItsSummary(duplicate))
            // The purged merge still says which incident it went into.
            let into = try await RetentionQueries.lines(
                pool,
                "SELECT payload -> 'data' ->> 'into' FROM events WHERE event_id = \(merge.eventID) AND purged_at IS NOT NULL"
            )
            #expect(into == [survivor.canonicalString])
        }
    }
}
