import Foundation
import Postgres
import Testing
import WatchpostCore
import WatchpostStore

/// The period report counts a duplicate merged into another incident (D60) once, as the incident
/// that carries on, when the merge stood at the end of the period; a period that ended before the
/// merge, or after its unmerge, counts both, so a past period reads the same later.
@Suite(.timeLimit(.minutes(5)))
struct MergedDuplicateReportTests {
    static let from = StoreFixture.t0.addingTimeInterval(-86_400)

    static func read(_ pool: PostgresPool, until to: Date) async throws -> PeriodReport {
        try await PeriodReport.read(
            from: pool,
            scope: ReportScope(from: from, to: to, unitID: StoreFixture.school),
            now: to
        )
    }

    @Test func aDuplicateMergedAtThePeriodsEndIsNotCountedAsAnIncidentOfItsOwn() async throws {
        try await StoreTestDatabase.with { pool in
            let store = try StoreFixture.eventStore(pool)
            var offset: Int64 = 0
            func apply(_ events: [Event], at now: Date) async throws {
                _ = try await store.applyRetrying(StoreFixture.inbound(events, from: offset), now: now)
                offset += Int64(events.count)
            }
            let (survivor, duplicate) = (UUID(), UUID())
            let authority = EventSource(kind: .officer, id: "tp-vhxh-binh-son")
            try await apply(
                [
                    StoreFixture.report(incident: survivor, category: .falseInformation),
                    StoreFixture.report(incident: duplicate, category: .falseInformation),
                ],
                at: StoreFixture.t0
            )
            let merge = StoreFixture.event(.merged(IncidentMerged(into: survivor)), incident: duplicate, by: authority)
            try await apply([merge], at: StoreFixture.minutes(30))

            let merged = try await Self.read(pool, until: StoreFixture.minutes(35))
            #expect(merged.totals.current == 1)
            #expect(merged.schools.first?.incidents == 1)
            #expect(
                merged.incidentCounts.filter { $0.dimension == .category }.map { [$0.value: $0.current] }
                    == [["false_information": 1]]
            )
            // What the duplicate owed before the merge stays in the school's tally, cancelled by it.
            let tally = try #require(merged.schools.first?.obligations)
            let owed = try await pool.withConnection { connection in
                try await connection.query(
                    """
                    SELECT count(*) FILTER (WHERE incident_id = \(duplicate) AND status = 'cancelled'),
                           count(*) FILTER (WHERE incident_id = \(survivor) AND status = 'open')
                    FROM obligations
                    """
                ).map { (try $0.decode(Int.self, at: 0), try $0.decode(Int.self, at: 1)) }
            }
            #expect(owed.first?.0 ?? 0 > 0)
            #expect(tally.cancelled == owed.first?.0 && tally.open == owed.first?.1)
            // A period that ended before the merge reads as it did.
            #expect(try await Self.read(pool, until: StoreFixture.minutes(20)).totals.current == 2)

            let unmerge = StoreFixture.event(
                .unmerged(IncidentUnmerged(from: survivor)),
                incident: duplicate,
                by: authority
            )
            try await apply([unmerge], at: StoreFixture.minutes(40))
            #expect(try await Self.read(pool, until: StoreFixture.minutes(45)).totals.current == 2)
            #expect(try await Self.read(pool, until: StoreFixture.minutes(35)).totals.current == 1)
        }
    }
}
