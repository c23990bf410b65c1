import Foundation
import Kafka
import Testing
import WatchpostCore
import WatchpostTestSupport

/// The deadline part of the chaos suite. Reports are published, paced, for `deadlineSpread`.
/// Each report opens a head acknowledgement due 60 s after it is stored, with a reminder 30 s
/// before. A third of them are acknowledged at once; the others are left to fall due. Meanwhile
/// a random worker is killed with SIGKILL and restarted, again and again, as the enforcers work.
/// Then `watchpost audit` must find every deadline met or escalated within its grace period,
/// and every reminder sent. Each escalation and each reminder must happen exactly once.
@Suite(.serialized)
struct ChaosDeadlineTests {
    static let deadline = "60s"
    static let reminder = "30s"
    static let waves = 10

    @Test(
        "deadlines falling due while workers are killed with SIGKILL: none missed silently, each escalation and reminder once",
        .timeLimit(.minutes(30))
    )
    func deadlinesFallingDueUnderKillsAreNeverMissedSilently() async throws {
        let settings = ChaosSettings.current
        let (directory, _) = try PipelineScenario.shippedConfiguration()
        let config = try PipelineEnforcerTests.configFolder(
            acknowledgeDeadline: Self.deadline,
            reminders: [Self.reminder]
        )
        let logs = try GoodReports.logFolder("chaos-deadlines")
        let receiver = try TestHTTPServer { _, _ in .status(200) }
        defer {
            receiver.stop()
            try? FileManager.default.removeItem(at: config)
        }
        let (waves, acknowledged) = Self.waves(settings.deadlines, directory: directory)
        let reports = settings.deadlines
        let start = Date()

        try await PipelineDatabase.with { database in
            let broker = try await PipelineBroker(partitions: 12)
            let workers = try ChaosWorkers.start(
                settings.workers,
                broker: broker,
                database: database,
                logs: logs,
                config: config,
                receiver: receiver.url
            )
            var kills = 0
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    // Paced like a load generator, so that the deadlines fall due all through the kills.
                    let producer = try broker.producer()
                    let begin = ContinuousClock.now
                    for (index, wave) in waves.enumerated() {
                        try await Task.sleep(
                            until: begin + settings.deadlineSpread * index / waves.count,
                            clock: .continuous
                        )
                        try await PipelineBroker.send(wave, with: producer)
                    }
                    await producer.close()
                }
                // Kill as the enforcers work: the unacknowledged reports owe a reminder and an
                // escalation each, so that many are sure to come.
                var random = PipelineRandom(state: 1_616)
                let step = Int64(max(1, 2 * (reports - acknowledged) / (settings.kills + 1)))
                for kill in 1...settings.kills {
                    try await waitUntil(
                        "the enforcers send \(Int64(kill) * step) reminders and escalations before kill \(kill)",
                        timeout: .seconds(600)
                    ) {
                        try await database.count(Self.remindersAndEscalations) >= Int64(kill) * step
                    }
                    try await ChaosWorkers.killOne(of: workers, using: &random)
                    kills += 1
                }
                try await group.waitForAll()
            }

            try await waitUntil("every report is stored", timeout: .seconds(600)) {
                try await database.count("SELECT count(*) FROM obligations") == Int64(reports)
            }
            try await waitUntil("every deadline is met or escalated", timeout: .seconds(600)) {
                try await database.count("SELECT count(*) FROM obligations WHERE status = 'open' AND level = 0") == 0
            }
            // The audit's window ends a grace period (60 s) ago; it must hold every deadline.
            let lastDeadline =
                try await database.scalar(
                    "SELECT extract(epoch FROM max(opened_at))::float8 FROM obligations",
                    as: Double.self
                ) + 60
            try await waitUntil("the last deadline is a grace period old", timeout: .seconds(300)) {
                Date().timeIntervalSince1970 > lastDeadline + 61
            }
            let audit = try await ChaosAudit.run(database, since: start)
            audit.expectClean("deadlines")
            #expect(audit.deadlinesChecked == reports, "every deadline is in the audit's window")
            #expect(audit.remindersChecked == reports, "every reminder is in the audit's window")
            #expect(audit.escalatedInTime + audit.closedInTime == reports)

            let escalated = try await database.count("SELECT count(*) FROM obligations WHERE level = 1")
            #expect(escalated >= Int64(reports - acknowledged), "every unacknowledged report was escalated")
            #expect(Int64(audit.escalatedInTime) == escalated)
            #expect(
                try await database.count("SELECT count(*) FROM events WHERE type = 'incident.escalated'") == escalated
            )
            #expect(
                try await database.count(
                    "SELECT count(DISTINCT payload -> 'data' ->> 'obligation_id') FROM events WHERE type = 'incident.escalated'"
                ) == escalated
            )
            let reminders = try await database.count(
                "SELECT count(*) FROM alerts WHERE template = 'obligation.reminder'"
            )
            #expect(reminders >= Int64(reports - acknowledged), "every unacknowledged report was reminded")
            #expect(
                try await database.count(
                    "SELECT count(DISTINCT obligation_id) FROM alerts WHERE template = 'obligation.reminder'"
                ) == reminders,
                "one reminder per obligation"
            )
            for worker in workers {
                #expect(try await worker.terminate() == 0, "\(worker.logTail())")
            }
            ChaosSettings.record(
                "deadlines: \(reports) acknowledgement deadlines (\(Self.deadline), reminder \(Self.reminder) before) "
                    + "falling due over \(settings.deadlineSpread.components.seconds) s while \(kills) SIGKILLs hit "
                    + "\(settings.workers) workers; \(acknowledged) acknowledged at once; \(escalated) escalations and "
                    + "\(reminders) reminders, each once; audit: " + audit.summary
            )
        }
        try? FileManager.default.removeItem(at: logs)
    }

    /// Reminders written plus escalations stored: the enforcers' work so far.
    static let remindersAndEscalations = """
        SELECT (SELECT count(*) FROM alerts WHERE template = 'obligation.reminder')
             + (SELECT count(*) FROM events WHERE type = 'incident.escalated')
        """

    /// `count` low-severity reports in `waves` waves, every third followed by its school
    /// head's acknowledgement; and how many are acknowledged.
    static func waves(_ count: Int, directory: Directory) -> (waves: [[KafkaProducerMessage]], acknowledged: Int) {
        let reports = PipelineEnforcerTests.reports(count, seed: 16, directory: directory)
        let schools = directory.schools
        var waves = Array(repeating: [KafkaProducerMessage](), count: Self.waves)
        var acknowledged = 0
        for (number, report) in reports.enumerated() {
            let wave = number * Self.waves / max(count, 1)
            waves[wave].append(report)
            let school = schools[number % schools.count]
            guard number % 3 == 0, let head = directory.officers(withRole: .head, in: school.id).first,
                let incident = report.key.flatMap({ UUID(uuidString: String(decoding: $0, as: UTF8.self)) })
            else { continue }
            let acknowledgement = Event(
                eventID: UUID.v5(namespace: .watchpost, name: "chaos-deadline-ack:\(number)"),
                incidentID: incident,
                occurredAt: Date(),
                source: EventSource(kind: .officer, id: head.id),
                unitID: school.id,
                payload: .acknowledged(IncidentAcknowledged(note: "đã xem"))
            )
            waves[wave].append(GoodReports.message(acknowledgement))
            acknowledged += 1
        }
        return (waves, acknowledged)
    }
}
