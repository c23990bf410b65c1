import Foundation
import Kafka
import Postgres
import Testing
import WatchpostTestSupport
import WatchpostCore
import WatchpostPipeline

/// A vague and a serious report of one post, under different incident ids, through a real worker
/// in both orders: PostgreSQL ends up with the same incident, obligations and first alerts (D32).
@Suite("Pipeline merge order")
struct PipelineMergeOrderTests {
    /// The two reports of post `tag`: `other`/`low` and `school_violence`/`high`.
    static func reports(of tag: String, unit: UnitID) -> (vague: Event, serious: Event) {
        func report(_ name: String, _ category: IncidentCategory, _ severity: Severity) -> Event {
            Event(
                eventID: UUID.v5(namespace: .watchpost, name: "merge-order-event:\(tag):\(name)"),
                incidentID: UUID.v5(namespace: .watchpost, name: "merge-order-incident:\(tag):\(name)"),
                // Whole seconds in the past, so the envelope is stable and never in the future.
                occurredAt: Date(timeIntervalSince1970: (Date().timeIntervalSince1970 - 60).rounded(.down)),
                source: EventSource(kind: .tool, id: "monitor-tool"),
                unitID: unit,
                payload: .reported(
                    IncidentReported(
                        platform: .tiktok,
                        urls: ["https://www.tiktok.com/@hocsinh/video/\(tag)?name=\(name)"],
                        category: category,
                        severity: severity,
                        subjects: [.student],
                        summary: "Video đánh nhau (\(name))",
                        dedupKey: "merge-order:\(tag)"
                    )
                )
            )
        }
        return (report("vague", .other, .low), report("serious", .schoolViolence, .high))
    }

    /// What PostgreSQL holds about post `tag`, in forms that do not depend on ids or times.
    struct Stored: Equatable {
        var incidents: [String]
        var obligations: [String]
        var newAlerts: [String]
        var relationsAlerted: [String]
        var evidence: [String]
    }

    static func stored(_ tag: String, in database: PipelineDatabase) async throws -> Stored {
        let key = "merge-order:\(tag)"
        func strings(_ query: PostgresQuery) async throws -> [String] {
            try await database.rows(query).map { try $0.decode(String.self, at: 0) }
        }
        return Stored(
            incidents: try await strings(
                "SELECT category || '/' || severity || '/' || status FROM incidents WHERE dedup_key = \(key)"
            ),
            obligations: try await strings(
                """
                SELECT o.kind || '/' || o.owner_relation || '/' || o.status FROM obligations o
                JOIN incidents i ON i.id = o.incident_id WHERE i.dedup_key = \(key) ORDER BY 1
                """
            ),
            newAlerts: try await strings(
                """
                SELECT a.relation || '/' || a.recipient FROM alerts a JOIN incidents i ON i.id = a.incident_id
                WHERE i.dedup_key = \(key) AND a.template = 'incident.new' ORDER BY 1
                """
            ),
            relationsAlerted: try await strings(
                """
                SELECT DISTINCT a.relation FROM alerts a JOIN incidents i ON i.id = a.incident_id
                WHERE i.dedup_key = \(key) ORDER BY 1
                """
            ),
            evidence: try await strings(
                """
                SELECT e.category || '/' || e.severity FROM incident_evidence e
                JOIN incidents i ON i.id = e.incident_id WHERE i.dedup_key = \(key) ORDER BY 1
                """
            )
        )
    }

    @Test(
        "a vague then a serious report of one post, and the reverse, give the same obligations and first alerts",
        .timeLimit(.minutes(5))
    )
    func bothArrivalOrdersGiveTheSameObligationsAndAlerts() async throws {
        try await PipelineDatabase.with { database in
            let broker = try await PipelineBroker(partitions: 2)
            let (directory, _) = try PipelineScenario.shippedConfiguration()
            let school = try #require(
                directory.schools.first {
                    !directory.officers(withRole: .head, in: $0.id).isEmpty
                        && !directory.officers(withRole: .deputy, in: $0.id).isEmpty
                }
            )
            let run = UUID().uuidString.lowercased()
            let vagueFirst = Self.reports(of: "\(run)-vague-first", unit: school.id)
            let seriousFirst = Self.reports(of: "\(run)-serious-first", unit: school.id)
            let settings = PipelineInProcessWorker.settings(broker: broker, database: database)
            try await PipelineInProcessWorker.with(1, settings: settings) { _ in
                let producer = try broker.producer()
                // Each report is applied before the next is sent, so the arrival order is the one given.
                let ordered = [vagueFirst.vague, vagueFirst.serious, seriousFirst.serious, seriousFirst.vague]
                for (index, event) in ordered.enumerated() {
                    _ = try await producer.send(GoodReports.message(event))
                    try await waitUntil("report \(index + 1) is applied", timeout: .seconds(60)) {
                        try await database.count("SELECT count(*) FROM events WHERE outcome = 'applied'")
                            == Int64(index + 1)
                    }
                }
                await producer.close()
            }

            let one = try await Self.stored("\(run)-vague-first", in: database)
            let two = try await Self.stored("\(run)-serious-first", in: database)
            #expect(one.incidents == ["school_violence/high/reported"])
            #expect(one == two)
            #expect(one.obligations.count > 1, "the serious report's obligations are open")
            #expect(one.relationsAlerted.contains("school_deputy"))
            #expect(one.evidence == ["other/low", "school_violence/high"])
            // Only where the serious report came second is the head told, as an update, what he now owes.
            #expect(
                try await database.scalar(
                    """
                    SELECT count(*) FROM alerts a JOIN obligations o ON o.id = a.obligation_id
                    WHERE a.template = 'incident.updated' AND a.relation = 'school_head'
                      AND a.event_id = \(vagueFirst.serious.eventID) AND o.opened_by_event_id = a.event_id
                    """
                ) == 1
            )
            #expect(
                try await database.scalar(
                    """
                    SELECT count(*) FROM alerts
                    WHERE template <> 'incident.new' AND event_id = \(seriousFirst.vague.eventID)
                    """
                ) == 0
            )
            #expect(try await database.count("SELECT count(*) FROM incident_aliases") == 2)
        }
    }
}
