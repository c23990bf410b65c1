import Foundation
import Postgres
import Testing
import WatchpostCore
import WatchpostStore

@Suite(.timeLimit(.minutes(5)))
struct StoreDirectoryTests {
    @Test func resyncingTheSameDirectoryWritesNothing() async throws {
        try await StoreTestDatabase.with { pool in
            let history: PostgresQuery =
                "SELECT (SELECT count(*) FROM unit_history) + (SELECT count(*) FROM officer_history)"
            let before = try await StoreTestDatabase.scalar(pool, history)
            let report = try await DirectorySync.sync(
                try StoreFixture.directory(),
                pool: pool,
                now: StoreFixture.minutes(60)
            )
            #expect(report.isEmpty)
            #expect(try await StoreTestDatabase.scalar(pool, history) == before)
            let directory = try StoreFixture.directory()
            #expect(before == directory.units.count + directory.officers.count)
            #expect(
                try await StoreTestDatabase.scalar(pool, "SELECT count(*) FROM units WHERE updated_at > created_at")
                    == 0
            )
        }
    }

    @Test func remappedSchoolKeepsItsOldIncidentsAndAlerts() async throws {
        try await StoreTestDatabase.with { pool in
            let store = try StoreFixture.eventStore(pool)
            let queries = StoreQueries(pool: pool)
            let old = UUID()
            _ = try await store.applyBatch(
                StoreFixture.inbound([
                    StoreFixture.report(incident: old, category: .lawViolationSigns, severity: .critical)
                ]),
                rejected: [],
                now: StoreFixture.t0
            )
            let before = try #require(try await queries.incidentSummary(old))
            #expect(before.communeID == "xa-binh-son")

            // The school moves to another commune and authority; one deputy leaves the directory.
            let directory = try StoreFixture.directory()
            let leaving = try #require(directory.officers(withRole: .deputy, in: StoreFixture.school).first)
            let remapped = Directory(
                units: directory.units.map { unit in
                    guard unit.id == StoreFixture.school else { return unit }
                    var moved = unit
                    moved.commune = "xa-binh-minh"
                    moved.parent = "vhxh-xa-binh-minh"
                    return moved
                },
                officers: directory.officers.filter { $0.id != leaving.id }
            )
            let later = StoreFixture.minutes(24 * 60)
            let report = try await DirectorySync.sync(remapped, pool: pool, now: later)
            #expect(report.unitsChanged == 1 && report.officersRetired == 1)
            #expect(report.unitsAdded == 0 && report.unitsRetired == 0 && report.officersChanged == 0)

            let after = try #require(try await queries.incidentSummary(old))
            #expect(after == before)
            #expect(
                try await StoreTestDatabase.scalar(
                    pool,
                    "SELECT count(*) FROM unit_history WHERE unit_id = \(StoreFixture.school)"
                ) == 2
            )
            #expect(
                try await StoreTestDatabase.scalar(
                    pool,
                    """
                    SELECT count(*) FROM unit_history WHERE unit_id = \(StoreFixture.school)
                    AND valid_to = \(later) AND snapshot->>'commune' = 'xa-binh-son'
                    """
                ) == 1
            )
            #expect(
                try await StoreTestDatabase.scalar(
                    pool,
                    "SELECT count(*) FROM officers WHERE id = \(leaving.id) AND retired_at = \(later)"
                ) == 1
            )

            // A new incident at the school follows the new tree.
            let newStore = EventStore(
                pool: pool,
                directory: remapped,
                policy: try StoreFixture.policy(),
                logger: StoreTestDatabase.logger
            )
            let fresh = UUID()
            _ = try await newStore.applyBatch(
                StoreFixture.inbound([StoreFixture.report(incident: fresh, category: .lawViolationSigns)], from: 1),
                rejected: [],
                now: later
            )
            let moved = try #require(try await queries.incidentSummary(fresh))
            #expect(moved.communeID == "xa-binh-minh" && moved.authorityID == "vhxh-xa-binh-minh")
            let police = { (summary: IncidentSummary) in
                Set(summary.alerts.filter { $0.alert.relation == .communePoliceLiaison }.map(\.alert.recipient))
            }
            #expect(!police(moved).isEmpty && police(moved).isDisjoint(with: police(before)))
        }
    }
}
