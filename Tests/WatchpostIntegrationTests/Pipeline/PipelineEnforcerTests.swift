import Foundation
import Kafka
import Postgres
import Testing
import WatchpostTestSupport
import WatchpostCore
import WatchpostPipeline
import WatchpostStore

/// The deadline enforcer: exactly one escalation per overdue obligation across workers, and
/// never before the deadline it enforces. How soon after it is measured by `scripts/bench`.
@Suite("Pipeline deadline enforcer")
struct PipelineEnforcerTests {
    /// Reports of low-severity `other` incidents: only the `every-incident` rule applies, so
    /// each opens exactly one obligation (the head's acknowledgement).
    static func reports(_ count: Int, seed: Int, directory: Directory) -> [KafkaProducerMessage] {
        let schools = directory.schools
        let encoder = EventEncoder()
        return (0..<count).map { number in
            let school = schools[number % schools.count]
            let url = "https://www.facebook.com/enforcer/\(seed)/\(number)"
            let event = Event.toolReport(
                eventID: UUID.v5(namespace: .watchpost, name: "enforcer-report:\(seed):\(number)"),
                incidentID: UUID.v5(namespace: .watchpost, name: "enforcer-incident:\(seed):\(number)"),
                occurredAt: Date().addingTimeInterval(-60),
                unit: school.id,
                url: url,
                summary: "Enforcer test \(number)"
            )
            return KafkaProducerMessage(
                topic: PipelineBroker.eventsTopic,
                key: Array(event.incidentID.canonicalString.utf8),
                value: encoder.encode(event)
            )
        }
    }

    @Test("500 obligations due at once escalate exactly once each across 3 workers", .timeLimit(.minutes(6)))
    func dueObligationsEscalateExactlyOnceAcrossThreeWorkers() async throws {
        try await PipelineDatabase.with { database in
            let broker = try await PipelineBroker(partitions: 6)
            let (directory, _) = try PipelineScenario.shippedConfiguration()
            let settings = PipelineInProcessWorker.settings(broker: broker, database: database)
            try await PipelineInProcessWorker.with(3, settings: settings) { workers in
                let producer = try broker.producer()
                try await PipelineBroker.send(Self.reports(500, seed: 3, directory: directory), with: producer)
                await producer.close()
                try await waitUntil("500 obligations are open", timeout: .seconds(2 * 60)) {
                    try await database.count("SELECT count(*) FROM obligations WHERE status = 'open'") == 500
                }
                // Make all 500 due at the same instant, then wake the enforcers.
                let connection = try await PostgresConnection.connect(configuration: database.configuration)
                try await connection.execute("UPDATE obligations SET due_at = now() WHERE status = 'open'")
                try await connection.notify(EnforcerService.channel)
                await connection.close()
                let escalations = """
                    SELECT count(*) FROM events
                    WHERE type = 'incident.escalated' AND (payload -> 'data' ->> 'level')::int = 1
                    """
                try await waitUntil("500 escalation events are stored", timeout: .seconds(2 * 60)) {
                    try await database.count(escalations) >= 500
                }
                try await waitUntil("every obligation is at level 1", timeout: .seconds(1 * 60)) {
                    try await database.count("SELECT count(*) FROM obligations WHERE level = 1") == 500
                }
                #expect(try await database.count(escalations) == 500)
                #expect(
                    try await database.count(
                        "SELECT count(DISTINCT payload -> 'data' ->> 'obligation_id') FROM events WHERE type = 'incident.escalated'"
                    ) == 500
                )
                let published = PipelineInProcessWorker.counter("watchpost_escalations_published_total", in: workers)
                #expect(published == 500, "the enforcers published \(published) escalations for 500 obligations")
            }
        }
    }

    @Test(
        "every missed deadline is escalated once, with the deadline as its time, and stored after it",
        .timeLimit(.minutes(5))
    )
    func missedDeadlineIsEscalatedOnceAndNeverBeforeItIsDue() async throws {
        let folder = try Self.configFolder(acknowledgeDeadline: "3s")
        defer { try? FileManager.default.removeItem(at: folder) }
        try await PipelineDatabase.with { database in
            let broker = try await PipelineBroker(partitions: 2)
            let (directory, _) = try PipelineScenario.shippedConfiguration()
            let settings = PipelineInProcessWorker.settings(broker: broker, database: database, configDirectory: folder)
            try await PipelineInProcessWorker.with(1, settings: settings) { _ in
                let producer = try broker.producer()
                try await PipelineBroker.send(Self.reports(20, seed: 4, directory: directory), with: producer)
                await producer.close()
                try await waitUntil("20 obligations are escalated to level 1", timeout: .seconds(2 * 60)) {
                    try await database.count("SELECT count(*) FROM obligations WHERE level = 1") == 20
                }
            }
            #expect(try await database.count("SELECT count(*) FROM obligations") == 20)
            // An escalation event's occurred_at is the deadline it enforces (DeadlineEnforcer) and
            // received_at is when a worker stored it; the obligation's escalated_at is when the
            // router applied it. Its first deadline was opened_at + 3 s: due_at now holds the
            // next level's.
            let escalations = "FROM events e WHERE e.type = 'incident.escalated'"
            let ofObligation = """
                FROM events e JOIN obligations o ON o.id = (e.payload -> 'data' ->> 'obligation_id')::uuid
                WHERE e.type = 'incident.escalated'
                """
            #expect(try await database.count("SELECT count(*) \(escalations)") == 20)
            #expect(
                try await database.count(
                    "SELECT count(DISTINCT e.payload -> 'data' ->> 'obligation_id') \(escalations)"
                ) == 20
            )
            let enforcingTheFirstDeadline = try await database.count(
                """
                SELECT count(*) \(ofObligation)
                  AND abs(extract(epoch FROM e.occurred_at - (o.opened_at + interval '3 seconds'))) <= 0.000001
                """
            )
            #expect(enforcingTheFirstDeadline == 20, "escalations whose time is their obligation's deadline")
            let storedBeforeTheDeadline = try await database.count(
                """
                SELECT count(*) \(ofObligation)
                  AND (e.received_at < e.occurred_at OR o.escalated_at IS NULL OR o.escalated_at < e.occurred_at)
                """
            )
            #expect(storedBeforeTheDeadline == 0, "escalations stored or applied before their deadline")

            // The deadline auditor (D38) finds each of them escalated within its grace period, once
            // that period is over (the audit judges a deadline only then: it looks a minute ahead).
            let pool = PostgresPool(configuration: database.configuration, maxConnections: 1)
            let audit = try await AuditStore(pool: pool).audit(
                since: Date().addingTimeInterval(-3600),
                now: Date().addingTimeInterval(60)
            )
            await pool.close()
            #expect(audit.isClean, "\(audit.exceptions)")
            #expect(audit.escalatedInTime == 20, "\(audit)")
        }
    }

    /// A copy of the shipped configuration whose head acknowledgement is due after `deadline`,
    /// with `reminders` (durations before the deadline, e.g. `15s`).
    static func configFolder(acknowledgeDeadline deadline: String, reminders: [String] = []) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("watchpost-config-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: PipelinePaths.config.appendingPathComponent("directory.yaml"),
            to: folder.appendingPathComponent("directory.yaml")
        )
        let routing = try String(
            contentsOf: PipelinePaths.config.appendingPathComponent("routing.yaml"),
            encoding: .utf8
        )
        let shipped = "        deadline: 2h\n        reminders: [1h, 15m]\n"
        guard routing.contains(shipped) else {
            throw PipelineTimeout(what: "the shipped routing.yaml has the every-incident deadline")
        }
        let patched = routing.replacingOccurrences(
            of: shipped,
            with: "        deadline: \(deadline)\n        reminders: [\(reminders.joined(separator: ", "))]\n"
        )
        try patched.write(to: folder.appendingPathComponent("routing.yaml"), atomically: true, encoding: .utf8)
        return folder
    }
}
