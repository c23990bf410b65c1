import Foundation
import Postgres
import Testing
import WatchpostCore
import WatchpostStore

/// Each report attached to an incident keeps its own classification in `incident_evidence`, and
/// the merged incident with the obligations the stronger report opened is what the store keeps (D32).
@Suite(.timeLimit(.minutes(5)))
struct StoreEvidenceClassificationTests {
    /// A vague report, then a serious one of the same post under another incident id.
    struct Post {
        let vagueIncident = UUID()
        let seriousIncident = UUID()
        let vague: Event
        let serious: Event

        init() {
            let url = "https://www.facebook.com/share/p/\(UUID().uuidString.lowercased())"
            vague = StoreFixture.report(incident: vagueIncident, category: .other, severity: .low, url: url)
            serious = StoreFixture.report(
                incident: seriousIncident,
                category: .schoolViolence,
                severity: .high,
                url: url + "?fbclid=abc",
                by: EventSource(kind: .tool, id: "social-listening")
            )
        }

        /// Applies both reports in two batches, the serious one five minutes later.
        func publish(_ store: EventStore, from offset: Int64) async throws {
            let first = StoreFixture.inbound([vague], from: offset)
            _ = try await store.applyBatch(first, rejected: [], now: StoreFixture.t0)
            _ = try await store.applyBatch(
                StoreFixture.inbound([serious], from: offset + 1),
                rejected: [],
                now: StoreFixture.minutes(5)
            )
        }
    }

    @Test func mergedIncidentAndTheStrongerReportsObligationsAreStored() async throws {
        try await StoreTestDatabase.with { pool in
            let store = try StoreFixture.eventStore(pool)
            let post = Post()
            try await post.publish(store, from: 0)

            let (directory, policy) = (try StoreFixture.directory(), try StoreFixture.policy())
            let first = Router.route(
                RoutingInput(
                    event: post.vague,
                    incident: nil,
                    directory: directory,
                    policy: policy,
                    now: StoreFixture.t0
                )
            )
            let merged = Router.route(
                RoutingInput(
                    event: post.serious,
                    incident: nil,
                    openIncidentForDedupKey: first.incident,
                    directory: directory,
                    policy: policy,
                    now: StoreFixture.minutes(5)
                )
            )
            #expect(!merged.obligationsOpened.isEmpty)
            let stored = try #require(try await StoreQueries(pool: pool).incidentSummary(post.vagueIncident)).state
            #expect(stored == merged.incident)
            #expect(stored.category == .schoolViolence && stored.severity == .high)
            #expect(stored.evidence.map(\.category) == [.other, .schoolViolence])
            #expect(stored.evidence.map(\.subjects) == [[.student], [.student]])
        }
    }

    @Test func migrationGivesExistingEvidenceItsReportsCategoryOrElseTheIncidents() async throws {
        try await StoreTestDatabase.with { pool in
            let store = try StoreFixture.eventStore(pool)
            let logged = Post()
            let unlogged = Post()
            try await logged.publish(store, from: 0)
            try await unlogged.publish(store, from: 10)
            let migration = try String(
                contentsOf: StoreFixture.repoRoot.appendingPathComponent(
                    "Sources/WatchpostStore/Migrations/0007_evidence_classification.sql"
                ),
                encoding: .utf8
            )
            try await pool.withConnection { connection in
                try await connection.executeScript(
                    "ALTER TABLE incident_evidence DROP COLUMN category, DROP COLUMN subjects"
                )
                // A report the event log does not hold falls back to its incident's classification.
                try await connection.query("DELETE FROM events WHERE event_id = \(unlogged.vague.eventID)")
                try await connection.executeScript(migration)
            }
            let queries = StoreQueries(pool: pool)
            let one = try #require(try await queries.incidentSummary(logged.vagueIncident)).state
            #expect(one.evidence.map(\.category) == [.other, .schoolViolence])
            #expect(one.evidence.map(\.subjects) == [[.student], [.student]])
            let two = try #require(try await queries.incidentSummary(unlogged.vagueIncident)).state
            #expect(two.evidence.map(\.category) == [.schoolViolence, .schoolViolence])
        }
    }
}
