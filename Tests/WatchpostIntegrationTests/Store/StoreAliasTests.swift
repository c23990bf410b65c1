import Foundation
import Postgres
import Testing
import WatchpostCore
import WatchpostStore

/// A report attached to an open incident of the same post makes its incident id an alias: the
/// producer's later events for that id apply to the open incident, as if sent for it.
@Suite(.timeLimit(.minutes(5)))
struct StoreAliasTests {
    /// Report Y, a duplicate report under X (same post), then an acknowledgement, an action and
    /// a resolution that only know X.
    struct Story {
        let canonical = UUID()
        let alias = UUID()
        let url = "https://www.facebook.com/share/p/\(UUID().uuidString.lowercased())"

        var events: [Event] {
            [
                StoreFixture.report(incident: canonical, category: .falseInformation, url: url),
                StoreFixture.report(
                    incident: alias,
                    category: .falseInformation,
                    url: url,
                    by: EventSource(kind: .tool, id: "social-listening")
                ),
                StoreFixture.event(.acknowledged(IncidentAcknowledged(note: "Đã nắm")), incident: alias),
                StoreFixture.event(.actionRecorded(ActionRecorded(action: .contentRemoved)), incident: alias),
                StoreFixture.event(.resolved(IncidentResolved(note: "Xong")), incident: alias),
            ]
        }

        /// The pure router's result for the same events all sent for the canonical incident, each
        /// at its `now`: the expectation.
        func expected(_ events: [Event], now: [Date]) throws -> (state: IncidentState?, alerts: [Alert]) {
            let (directory, policy) = (try StoreFixture.directory(), try StoreFixture.policy())
            var state: IncidentState?
            var alerts: [Alert] = []
            for (event, instant) in zip(events, now) {
                var sentForCanonical = event
                sentForCanonical.incidentID = canonical
                let decision = Router.route(
                    RoutingInput(
                        event: sentForCanonical,
                        incident: state,
                        directory: directory,
                        policy: policy,
                        now: instant
                    )
                )
                #expect(decision.outcome == .applied, "\(event.type.rawValue) should apply")
                state = decision.incident
                alerts += decision.alerts
            }
            return (state, alerts)
        }
    }

    @Test func eventsForAMergedReportApplyToTheOpenIncident() async throws {
        try await StoreTestDatabase.with { pool in
            let store = try StoreFixture.eventStore(pool)
            let queries = StoreQueries(pool: pool)
            let story = Story()
            let events = story.events
            let now = (0..<events.count).map { StoreFixture.minutes(Double($0) * 5) }
            let batches = events.enumerated().map { StoreFixture.inbound([$1], from: Int64($0)) }

            _ = try await store.applyBatch(batches[0], rejected: [], now: now[0])
            let merged = try await store.applyBatch(batches[1], rejected: [], now: now[1])
            #expect(merged.applied == 1 && merged.routingRejected.isEmpty)
            #expect(try await aliasTarget(story.alias, pool) == story.canonical)
            #expect(try await queries.counts().incidents == 1)

            let acknowledged = try await store.applyBatch(batches[2], rejected: [], now: now[2])
            #expect(acknowledged.applied == 1 && acknowledged.routingRejected.isEmpty)
            let afterAck = try #require(try await queries.incidentSummary(story.canonical)).state
            #expect(afterAck.status == .acknowledged && afterAck.acknowledgedBy == [StoreFixture.head.id])
            let ack = try #require(afterAck.obligations.first { $0.kind == .acknowledge })
            #expect(ack.status == .met && ack.closedByEventID == events[2].eventID)

            for index in 3..<events.count {
                let summary = try await store.applyBatch(batches[index], rejected: [], now: now[index])
                #expect(summary.applied == 1 && summary.routingRejected.isEmpty)
            }
            let expected = try story.expected(events, now: now)
            let stored = try #require(try await queries.incidentSummary(story.canonical))
            #expect(stored.state == expected.state)
            #expect(stored.state.status == .resolved && stored.state.evidence.count == 2)
            #expect(Set(stored.alerts.map(\.alert)) == Set(expected.alerts))
            #expect(stored.eventCount == events.count)
            #expect(try await queries.incidentSummary(story.alias) == nil)
            // Each event keeps the incident id it was sent with, next to the one it applied to.
            let auditRows = try await StoreTestDatabase.scalar(
                pool,
                """
                SELECT count(*) FROM events
                WHERE incident_id = \(story.alias) AND applied_incident_id = \(story.canonical)
                  AND outcome = 'applied'
                """
            )
            #expect(auditRows == events.count - 1)
            #expect(try await queries.counts().rejected == 0)
        }
    }

    @Test func aliasMadeInABatchIsSeenByLaterEventsOfThatBatchAndAReplayChangesNothing() async throws {
        try await StoreTestDatabase.with { pool in
            let store = try StoreFixture.eventStore(pool)
            let queries = StoreQueries(pool: pool)
            let story = Story()
            let events = story.events
            let batch = StoreFixture.inbound(events)

            let summary = try await store.applyBatch(batch, rejected: [], now: StoreFixture.t0)
            #expect(summary.stored == events.count && summary.applied == events.count)
            #expect(summary.routingRejected.isEmpty)
            let expected = try story.expected(events, now: Array(repeating: StoreFixture.t0, count: events.count))
            let stored = try #require(try await queries.incidentSummary(story.canonical))
            #expect(stored.state == expected.state && stored.state.status == .resolved)
            #expect(try await aliasTarget(story.alias, pool) == story.canonical)

            let before = try await queries.counts()
            let replay = try await store.applyBatch(batch, rejected: [], now: StoreFixture.minutes(10))
            #expect(replay.duplicates == events.count && replay.stored == 0 && replay.applied == 0)
            #expect(try await queries.counts() == before)
            #expect(try await queries.incidentSummary(story.canonical)?.state == stored.state)
            #expect(try await StoreTestDatabase.scalar(pool, "SELECT count(*) FROM incident_aliases") == 1)
        }
    }

    @Test func newReportUnderAnAliasIdIsRoutedAgainstTheAliasedIncident() async throws {
        try await StoreTestDatabase.with { pool in
            let store = try StoreFixture.eventStore(pool)
            let queries = StoreQueries(pool: pool)
            let story = Story()
            let events = story.events
            _ = try await store.applyBatch(
                StoreFixture.inbound(Array(events[0...1])),
                rejected: [],
                now: StoreFixture.t0
            )

            // Another report under the alias id (a new event id) is more evidence for the same incident.
            let again = StoreFixture.report(incident: story.alias, url: story.url + "?ref=2")
            let attached = try await store.applyBatch(
                StoreFixture.inbound([again], from: 10),
                rejected: [],
                now: StoreFixture.minutes(1)
            )
            #expect(attached.applied == 1)
            let open = try #require(try await queries.incidentSummary(story.canonical)).state
            #expect(open.evidence.map(\.eventID) == [events[0].eventID, events[1].eventID, again.eventID])
            #expect(try await queries.counts().incidents == 1)

            // Once the incident is resolved, a report under the alias id neither reopens it nor
            // opens an incident under the alias id: it is ignored like any report of a resolved incident.
            let resolve = StoreFixture.event(.resolved(IncidentResolved()), incident: story.alias)
            let late = StoreFixture.report(incident: story.alias, url: story.url)
            let summary = try await store.applyBatch(
                StoreFixture.inbound([resolve, late], from: 20),
                rejected: [],
                now: StoreFixture.minutes(2)
            )
            #expect(summary.applied == 1 && summary.ignored == 1 && summary.routingRejected.isEmpty)
            #expect(try await queries.incidentSummary(story.canonical)?.state.status == .resolved)
            #expect(try await queries.incidentSummary(story.alias) == nil)
            #expect(try await StoreTestDatabase.scalar(pool, "SELECT count(*) FROM incident_aliases") == 1)
        }
    }

    /// The incident `alias` stands for, or nil.
    private func aliasTarget(_ alias: UUID, _ pool: PostgresPool) async throws -> UUID? {
        try await pool.withConnection { connection in
            let rows = try await connection.query(
                "SELECT incident_id FROM incident_aliases WHERE alias_id = \(alias)"
            )
            return try rows.first?.decode(UUID.self, at: 0)
        }
    }
}
