import Foundation
import Kafka
import Postgres
import Testing
import WatchpostTestSupport
import WatchpostCore
import WatchpostPipeline
import WatchpostStore

/// A reused `event_id` with another body is a conflict, recorded and dead-lettered; an identical
/// repeat stays a silent duplicate; the first body is kept (decision D16).
@Suite("Pipeline conflicting event ids")
struct PipelineConflictTests {
    /// A report of `incident` with `summary`.
    static func report(id: UUID, incident: UUID, summary: String, directory: Directory) -> Event {
        let school = directory.schools[0]
        let url = "https://www.facebook.com/conflict/\(incident.canonicalString)"
        return Event.toolReport(
            eventID: id,
            incidentID: incident,
            // Whole seconds, so every copy encodes to the same bytes.
            occurredAt: Date(timeIntervalSince1970: (Date().timeIntervalSince1970 - 60).rounded(.down)),
            unit: school.id,
            url: url,
            summary: summary
        )
    }

    @Test(
        "a reused event_id with another body is recorded as a conflict, dead-lettered and counted; an identical repeat is not; the first body is kept",
        .timeLimit(.minutes(5))
    )
    func reusedEventIDWithAnotherBodyIsAConflictAndAnIdenticalRepeatIsNot() async throws {
        try await PipelineDatabase.with { database in
            let broker = try await PipelineBroker(partitions: 2)
            let (directory, _) = try PipelineScenario.shippedConfiguration()
            let incident = UUID.v5(namespace: .watchpost, name: "conflict-incident")
            let id = UUID.v5(namespace: .watchpost, name: "conflict-event")
            let first = Self.report(id: id, incident: incident, summary: "First body", directory: directory)
            var second = first
            second.payload =
                Self.report(id: id, incident: incident, summary: "Second body", directory: directory).payload
            let school = directory.schools[0]
            let head = try #require(directory.officers(withRole: .head, in: school.id).first?.id)
            // Published last on the same partition: once it is stored, every copy before it was handled.
            let marker = Event(
                eventID: UUID.v5(namespace: .watchpost, name: "conflict-marker"),
                incidentID: incident,
                occurredAt: first.occurredAt.addingTimeInterval(60),
                source: EventSource(kind: .officer, id: head),
                unitID: school.id,
                payload: .acknowledged(IncidentAcknowledged(note: "seen"))
            )
            let settings = PipelineInProcessWorker.settings(broker: broker, database: database)
            try await PipelineInProcessWorker.with(1, settings: settings) { workers in
                let producer = try broker.producer()
                let original = try await producer.send(GoodReports.message(first))
                try await waitUntil("the first body is stored", timeout: .seconds(60)) {
                    try await database.count("SELECT count(*) FROM events") == 1
                }
                let conflicting = try await producer.send(GoodReports.message(second))
                try await waitUntil("the conflict is recorded", timeout: .seconds(60)) {
                    try await database.count("SELECT count(*) FROM rejected_events") >= 1
                }
                // The identical copy in a later batch than the conflicting one (both in one batch:
                // `identicalRepeatAfterAConflictingCopyInOneBatchIsASilentDuplicate`).
                let repeated = try await producer.send(GoodReports.message(first))
                let last = try await producer.send(GoodReports.message(marker))
                await producer.close()
                #expect(
                    Set([original.partition, conflicting.partition, repeated.partition, last.partition]).count == 1
                )
                #expect(original.offset < conflicting.offset && conflicting.offset < repeated.offset)
                #expect(repeated.offset < last.offset)
                try await waitUntil("the message after the copies is stored", timeout: .seconds(60)) {
                    try await database.count("SELECT count(*) FROM events") == 2
                }

                #expect(try await database.count("SELECT count(*) FROM rejected_events") == 1)
                #expect(
                    try await database.scalar(
                        """
                        SELECT count(*) FROM rejected_events
                        WHERE stage = 'conflict' AND event_id = \(id) AND incident_id = \(incident)
                          AND "offset" = \(conflicting.offset) AND "partition" = \(conflicting.partition)
                        """
                    ) == 1
                )
                #expect(
                    try await database.count(
                        "SELECT count(*) FROM rejected_events WHERE \"offset\" = \(repeated.offset)"
                    ) == 0,
                    "the identical repeat is a silent duplicate"
                )
                #expect(try await database.scalar("SELECT count(*) FROM events WHERE event_id = \(id)") == 1)
                let summary = try await database.scalar(
                    "SELECT payload -> 'data' ->> 'summary' FROM events WHERE event_id = \(id)",
                    as: String.self
                )
                #expect(summary == "First body")
                #expect(
                    try await database.scalar(
                        "SELECT count(*) FROM events WHERE event_id = \(id) AND \"offset\" = \(original.offset)"
                    ) == 1
                )
                #expect(Self.rejectedCounter(stage: "conflict", in: workers) == 1)
                #expect(Self.rejectedCounter(stage: "decode", in: workers) == 0)

                let letters = try await broker.deadLetters(expected: 1, timeout: .seconds(60))
                #expect(letters.count == 1)
                let letter = try #require(letters.first)
                #expect(PipelineBroker.header("stage", letter) == "conflict")
                #expect(PipelineBroker.header("event-id", letter) == id.canonicalString)
                #expect(PipelineBroker.header("source-offset", letter) == "\(conflicting.offset)")
                #expect(PipelineBroker.header("reason", letter).contains(id.canonicalString))
                #expect(letter.value == EventEncoder().encode(second), "the dead letter carries the refused body")
                try await waitUntil("the outbox is empty", timeout: .seconds(30)) {
                    try await database.count("SELECT count(*) FROM outbox") == 0
                }
            }
        }
    }

    @Test(
        "two bodies of one event_id in one batch: the first is stored, the second is a conflict, an identical copy a duplicate; later copies the same"
    )
    func conflictingCopyInOneBatchOrALaterOneIsRecordedOncePerOffsetAndTheFirstBodyKept() async throws {
        try await StoreTestDatabase.with { pool in
            let store = try StoreFixture.eventStore(pool)
            let (first, second) = Self.twoBodies()
            let id = first.eventID
            #expect(first.canonicalDigest != second.canonicalDigest)
            guard case .reported(let firstReport) = first.payload else { throw PipelineTimeout(what: "a report") }
            let batch = StoreFixture.inbound([first, second, first], from: 0)

            let applied = try await store.applyBatch(batch, rejected: [], now: StoreFixture.t0)
            #expect(applied.stored == 1 && applied.conflicts == 1 && applied.duplicates == 1)
            let conflicts = "SELECT count(*) FROM rejected_events WHERE stage = 'conflict'"
            #expect(try await StoreTestDatabase.scalar(pool, PostgresQuery(unsafeSQL: conflicts)) == 1)
            #expect(
                try await StoreTestDatabase.scalar(
                    pool,
                    """
                    SELECT count(*) FROM rejected_events
                    WHERE stage = 'conflict' AND event_id = \(id) AND incident_id = \(first.incidentID) AND "offset" = 1
                    """
                ) == 1
            )
            #expect(try await StoreTestDatabase.scalar(pool, "SELECT count(*) FROM rejected_events") == 1)
            #expect(
                try await StoreTestDatabase.scalar(
                    pool,
                    """
                    SELECT count(*) FROM outbox o JOIN rejected_events r ON r.id = o.rejected_event_id
                    WHERE r.stage = 'conflict' AND o.failed_at IS NULL
                    """
                ) == 1,
                "the conflict is queued for the dead-letter topic in the same transaction"
            )
            #expect(try await StoreTestDatabase.scalar(pool, "SELECT count(*) FROM events") == 1)
            let storedFirstBody = """
                SELECT count(*) FROM events
                WHERE event_id = $1 AND "offset" = 0 AND payload -> 'data' ->> 'summary' = $2
                """
            #expect(
                try await StoreTestDatabase.scalar(
                    pool,
                    PostgresQuery(unsafeSQL: storedFirstBody, bindings: [id, firstReport.summary])
                ) == 1
            )
            let before = try await StoreQueries(pool: pool).counts()

            // The same batch again: every offset was handled, nothing is recorded twice.
            let again = try await store.applyBatch(batch, rejected: [], now: StoreFixture.minutes(1))
            #expect(again.stored == 0 && again.conflicts == 0)
            #expect(try await StoreTestDatabase.scalar(pool, PostgresQuery(unsafeSQL: conflicts)) == 1)
            #expect(try await StoreQueries(pool: pool).counts() == before)

            // Later copies, one per batch: the other body conflicts with the stored event, the
            // identical one is a duplicate.
            let later = try await store.applyBatch(
                StoreFixture.inbound([second], from: 20),
                rejected: [],
                now: StoreFixture.minutes(2)
            )
            #expect(later.stored == 0 && later.conflicts == 1 && later.duplicates == 0)
            let repeated = try await store.applyBatch(
                StoreFixture.inbound([first], from: 21),
                rejected: [],
                now: StoreFixture.minutes(3)
            )
            #expect(repeated.stored == 0 && repeated.conflicts == 0 && repeated.duplicates == 1)
            #expect(try await StoreTestDatabase.scalar(pool, PostgresQuery(unsafeSQL: conflicts)) == 2)
            #expect(
                try await StoreTestDatabase.scalar(
                    pool,
                    "SELECT count(*) FROM rejected_events WHERE stage = 'conflict' AND \"offset\" IN (1, 20)"
                ) == 2
            )
            #expect(try await StoreTestDatabase.scalar(pool, "SELECT count(*) FROM rejected_events") == 2)
            let after = try await StoreQueries(pool: pool).counts()
            #expect(after.events == before.events && after.incidents == before.incidents)
            #expect(after.obligations == before.obligations && after.alerts == before.alerts)
            #expect(
                try await StoreTestDatabase.scalar(
                    pool,
                    PostgresQuery(unsafeSQL: storedFirstBody, bindings: [id, firstReport.summary])
                ) == 1,
                "the stored event is left as it is"
            )
        }
    }

    /// D16: "An identical repeat stays a silent, idempotent duplicate", also when a conflicting
    /// copy of the stored event comes before it in the same batch.
    /// A later copy is judged against the body that keeps the id (the stored one), not against
    /// the batch's first copy.
    @Test(
        "after a stored event, a batch with a conflicting copy then an identical copy: one conflict, one silent duplicate"
    )
    func identicalRepeatAfterAConflictingCopyInOneBatchIsASilentDuplicate() async throws {
        try await StoreTestDatabase.with { pool in
            let store = try StoreFixture.eventStore(pool)
            let (first, second) = Self.twoBodies()
            _ = try await store.applyBatch(StoreFixture.inbound([first], from: 0), rejected: [], now: StoreFixture.t0)
            let before = try await StoreQueries(pool: pool).counts()

            let later = try await store.applyBatch(
                StoreFixture.inbound([second, first], from: 10),
                rejected: [],
                now: StoreFixture.minutes(2)
            )
            #expect(later.stored == 0)
            #expect(
                try await StoreTestDatabase.scalar(
                    pool,
                    "SELECT count(*) FROM rejected_events WHERE stage = 'conflict' AND \"offset\" = 10"
                ) == 1,
                "the other body is a conflict"
            )
            let identicalCopyRows = try await StoreTestDatabase.scalar(
                pool,
                "SELECT count(*) FROM rejected_events WHERE \"offset\" = 11"
            )
            let rejectedRows = try await StoreTestDatabase.scalar(pool, "SELECT count(*) FROM rejected_events")
            let outboxRows = try await StoreTestDatabase.scalar(pool, "SELECT count(*) FROM outbox")
            #expect(later.conflicts == 1, "only the other body is a conflict")
            #expect(later.duplicates == 1, "the identical copy is a duplicate")
            #expect(identicalCopyRows == 0, "no rejected_events row for the identical copy")
            #expect(rejectedRows == 1)
            #expect(outboxRows == 1, "one dead letter queued")
            let after = try await StoreQueries(pool: pool).counts()
            #expect(after.events == before.events && after.incidents == before.incidents)
            #expect(after.obligations == before.obligations && after.alerts == before.alerts)
            #expect(
                try await StoreTestDatabase.scalar(
                    pool,
                    "SELECT count(*) FROM events WHERE event_id = \(first.eventID) AND \"offset\" = 0"
                ) == 1,
                "the stored event is left as it is"
            )
        }
    }

    /// A report and a copy of it with another summary (same event id).
    static func twoBodies() -> (Event, Event) {
        let url = "https://www.facebook.com/share/p/conflict-\(UUID().uuidString.lowercased())"
        let first = StoreFixture.report(incident: UUID(), event: UUID(), url: url)
        var second = first
        second.payload = .reported(
            IncidentReported(
                platform: .facebook,
                urls: [url],
                category: .other,
                severity: .medium,
                subjects: [.student],
                summary: "Another body",
                dedupKey: DedupKey.normalise(url: url)
            )
        )
        return (first, second)
    }

    /// `watchpost_events_rejected_total{stage="…"}` summed over the workers.
    static func rejectedCounter(stage: String, in workers: [Worker]) -> Double {
        let prefix = "watchpost_events_rejected_total{stage=\"\(stage)\"}"
        return workers.reduce(0) { total, worker in
            var buffer: [UInt8] = []
            worker.registry.emit(into: &buffer)
            return total
                + String(decoding: buffer, as: UTF8.self).split(separator: "\n").reduce(0) { sum, line in
                    guard line.hasPrefix(prefix), let value = line.split(separator: " ").last.flatMap({ Double($0) })
                    else { return sum }
                    return sum + value
                }
        }
    }
}
