import Foundation
import Kafka
import Postgres
import Testing
import WatchpostCore
import WatchpostTestSupport

/// People's time through a real worker (issue 29), on the shipped policy with its working clock.
///
/// The worker routes at the wall clock's now, so each scenario writes a calendar in which now is
/// fixed by the data, whatever the day the suite runs: the province closed from yesterday to
/// tomorrow (as for Tết), the principal on leave over those days with the deputy delegated, and
/// the authority's head on duty.
@Suite(.serialized, .timeLimit(.minutes(10)))
struct WorkingTimeWorkerTests {
    static let school: UnitID = "thcs-binh-son"
    static let otherSchool: UnitID = "th-binh-long"

    /// The shipped configuration (working clock included) with the closure, the leave and the
    /// roster around `today`; `editPolicy` changes `routing.yaml` on top.
    static func configFolder(today: CivilDay, editPolicy: (String) -> String = { $0 }) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("watchpost-config-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let (from, to) = (today.adding(days: -1), today.adding(days: 1))
        var directory = try String(
            contentsOf: PipelinePaths.shippedConfig.appendingPathComponent("directory.yaml"),
            encoding: .utf8
        )
        for (anchor, addition) in [
            (
                "      # closures:\n",
                "      closures:\n        - { from: \(from), to: \(to), reason: \"Nghỉ Tết (kiểm thử)\" }\n"
            ),
            (
                "  - id: ht-thcs-binh-son\n",
                "    absences:\n      - { from: \(from), to: \(to), delegate: pht-thcs-binh-son, reason: \"Nghỉ phép\" }\n"
            ),
            (
                "  - id: vhxh-xa-binh-son\n",
                "    duty:\n      - { officer: tp-vhxh-binh-son, from: \(from), to: \(to) }\n"
            ),
        ] {
            guard directory.contains(anchor) else { throw PipelineTimeout(what: "`\(anchor)` in directory.yaml") }
            directory = directory.replacingOccurrences(of: anchor, with: anchor + addition)
        }
        try directory.write(to: folder.appendingPathComponent("directory.yaml"), atomically: true, encoding: .utf8)
        let routing = try String(
            contentsOf: PipelinePaths.shippedConfig.appendingPathComponent("routing.yaml"),
            encoding: .utf8
        )
        try editPolicy(routing).write(
            to: folder.appendingPathComponent("routing.yaml"),
            atomically: true,
            encoding: .utf8
        )
        return folder
    }

    /// `event` as Watchpost's producers send it, signed for its source with the tests' keys.
    static func message(_ event: Event) -> KafkaProducerMessage {
        KafkaProducerMessage.event(
            topic: PipelineBroker.eventsTopic,
            incidentID: event.incidentID,
            value: EventEncoder().encode(event),
            signer: event.source,
            keyring: TestEventKeys.keyring
        )
    }

    static func report(_ name: String, at unit: UnitID, _ category: IncidentCategory, _ severity: Severity) -> Event {
        Event.toolReport(
            eventID: UUID.v5(namespace: .watchpost, name: "working-time-report:\(name)"),
            incidentID: UUID.v5(namespace: .watchpost, name: "working-time-incident:\(name)"),
            occurredAt: Date(),
            unit: unit,
            url: "https://www.facebook.com/working-time/\(name)",
            summary: "Working time \(name)",
            category: category,
            severity: severity
        )
    }

    @Test(
        "during a holiday closure a routine acknowledgement falls due after it, owed by the delegated deputy; a child at risk runs on the calendar and reaches the duty officer"
    )
    func holidayLeaveAndDutyThroughAWorker() async throws {
        let today = CivilDay(Date())
        let folder = try Self.configFolder(today: today)
        defer { try? FileManager.default.removeItem(at: folder) }
        let routine = Self.report("routine", at: Self.school, .falseInformation, .medium)
        let child = Self.report("child", at: Self.otherSchool, .childAtRisk, .high)
        try await PipelineDatabase.with { database in
            let broker = try await PipelineBroker(partitions: 1)
            let settings = PipelineInProcessWorker.settings(broker: broker, database: database, configDirectory: folder)
            try await PipelineInProcessWorker.with(1, settings: settings) { _ in
                let producer = try broker.producer()
                try await PipelineBroker.send([Self.message(routine), Self.message(child)], with: producer)
                await producer.close()
                try await waitUntil("both incidents have their obligations", timeout: .seconds(90)) {
                    try await database.count(
                        "SELECT count(DISTINCT incident_id) FROM obligations WHERE kind = 'acknowledge'"
                    ) == 2
                }
            }
            let directory = try Directory.load(contentsOf: folder.appendingPathComponent("directory.yaml"))
            // Routed inside the closure, whatever the hour: 2 working hours from the first working
            // period after it.
            let expected = DeadlineClock.working.due(
                after: .seconds(2 * 3600),
                from: Date(),
                on: directory.calendar(for: Self.school)
            )
            #expect(CivilDay(expected) > today.adding(days: 1))
            let acknowledge = try #require(
                try await database.rows(
                    """
                    SELECT clock, due_at, owner_officer_id, delegated_from FROM obligations
                    WHERE incident_id = \(routine.incidentID) AND kind = 'acknowledge'
                    """
                ).first
            )
            #expect(try acknowledge.decode(String.self, at: 0) == "working")
            #expect(try acknowledge.decode(Date.self, at: 1) == expected)
            #expect(try acknowledge.decode(String?.self, at: 2) == "pht-thcs-binh-son")
            #expect(try acknowledge.decode(String?.self, at: 3) == "ht-thcs-binh-son")
            #expect(
                try await database.count(
                    "SELECT count(*) FROM alerts WHERE recipient = 'ht-thcs-binh-son'"
                ) == 0,
                "the principal on leave is not alerted"
            )
            // The child at risk: 30 minutes on the calendar, and the duty officer is told.
            #expect(
                try await database.count(
                    """
                    SELECT count(*) FROM obligations WHERE incident_id = '\(child.incidentID.canonicalString)'
                      AND kind = 'acknowledge' AND clock = 'calendar' AND due_at = opened_at + interval '30 minutes'
                    """
                ) == 1
            )
            #expect(
                try await database.count(
                    """
                    SELECT count(*) FROM alerts WHERE incident_id = '\(child.incidentID.canonicalString)'
                      AND recipient = 'tp-vhxh-binh-son' AND relation = 'duty_officer'
                    """
                ) == 1
            )
        }
    }

    @Test("an acknowledgement nobody gives reaches the chain's last level, whose people are told again and again")
    func theLastLevelIsToldAgainUntilMet() async throws {
        let folder = try Self.configFolder(today: CivilDay(Date())) { routing in
            routing
                .replacingOccurrences(
                    of: "        deadline: 2h\n        reminders: [1h, 15m]\n",
                    with: "        deadline: 2s\n        reminders: []\n"
                )
                .replacingOccurrences(
                    of:
                        "incidents and a child at risk have shorter deadlines, on the calendar (rules below).\n        clock: working\n",
                    with: "incidents and a child at risk have shorter deadlines, on the calendar (rules below).\n"
                )
                .replacingOccurrences(
                    of:
                        "      - notify: [authority_leadership]      # lãnh đạo phụ trách giáo dục / leadership for education\n        deadline: 4h\n",
                    with: "      - notify: [authority_leadership]\n        deadline: 2s\n"
                )
                .replacingOccurrences(
                    of: "after_last_level: { remind_every: 8h }",
                    with: "after_last_level: { remind_every: 2s }"
                )
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = Self.report("chain", at: "th-binh-long", .other, .low)
        try await PipelineDatabase.with { database in
            let broker = try await PipelineBroker(partitions: 1)
            let settings = PipelineInProcessWorker.settings(broker: broker, database: database, configDirectory: folder)
            try await PipelineInProcessWorker.with(1, settings: settings) { _ in
                let producer = try broker.producer()
                try await PipelineBroker.send([Self.message(report)], with: producer)
                await producer.close()
                try await waitUntil("the acknowledgement reaches level 4", timeout: .seconds(120)) {
                    try await database.count(
                        "SELECT coalesce(max(level), 0) FROM obligations WHERE kind = 'acknowledge'"
                    )
                        >= 4
                }
            }
            // Levels 1 and 2 as written, then level 2's people again at 3 and 4.
            #expect(
                try await database.count(
                    """
                    SELECT count(DISTINCT payload -> 'data' ->> 'level') FROM events
                    WHERE type = 'incident.escalated' AND outcome = 'applied'
                    """
                ) >= 4
            )
            #expect(
                try await database.count(
                    """
                    SELECT count(*) FROM alerts WHERE recipient = 'ct-ubnd-binh-son'
                      AND template = 'obligation.escalated'
                    """
                ) >= 2,
                "the commune chair, at the last level, is told more than once"
            )
            #expect(
                try await database.count(
                    "SELECT count(*) FROM obligations WHERE kind = 'acknowledge' AND status = 'open' AND due_at IS NOT NULL"
                ) == 1,
                "the last level keeps a deadline: it will be told again"
            )
        }
    }

    @Test(
        "a takedown paused for the platform shows its wait, reminds its owner when the wait ends, and resumes with the time that was left"
    )
    func aTakedownPausedForThePlatformResumes() async throws {
        let folder = try Self.configFolder(today: CivilDay(Date())) { routing in
            routing.replacingOccurrences(
                of: "      for: 24h\n      reason: awaiting-platform\n",
                with: "      for: 3s\n      reason: awaiting-platform\n"
            )
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = Self.report("pause", at: "th-binh-long", .falseInformation, .medium)
        let requested = Event(
            eventID: UUID.v5(namespace: .watchpost, name: "working-time-pause-request"),
            incidentID: report.incidentID,
            occurredAt: Date(),
            source: EventSource(kind: .officer, id: "cv-vhxh-binh-son"),
            unitID: report.unitID,
            payload: .actionRecorded(ActionRecorded(action: .takedownRequested))
        )
        try await PipelineDatabase.with { database in
            let broker = try await PipelineBroker(partitions: 1)
            let settings = PipelineInProcessWorker.settings(broker: broker, database: database, configDirectory: folder)
            let takeDown =
                "FROM obligations WHERE incident_id = '\(report.incidentID.canonicalString)' AND kind = 'take_down'"
            try await PipelineInProcessWorker.with(1, settings: settings) { _ in
                let producer = try broker.producer()
                try await PipelineBroker.send([Self.message(report)], with: producer)
                try await waitUntil("the takedown is owed", timeout: .seconds(90)) {
                    try await database.count("SELECT count(*) \(takeDown)") == 1
                }
                try await PipelineBroker.send([Self.message(requested)], with: producer)
                await producer.close()
                try await waitUntil("the takedown waits for the platform", timeout: .seconds(90)) {
                    try await database.count("SELECT count(*) \(takeDown) AND paused_until IS NOT NULL") == 1
                }
                try await waitUntil("the owner is reminded as the wait ends", timeout: .seconds(90)) {
                    try await database.count(
                        """
                        SELECT count(*) FROM alerts a JOIN obligations o ON o.id = a.obligation_id
                        WHERE o.incident_id = '\(report.incidentID.canonicalString)' AND o.kind = 'take_down'
                          AND a.template = 'obligation.reminder' AND a.created_at = o.paused_until
                        """
                    ) == 1
                }
            }
            // The 24 hours ran from the report; the time left when the wait began resumes after it.
            #expect(
                try await database.count(
                    """
                    SELECT count(*) \(takeDown) AND status = 'open' AND level = 0
                      AND pause_legal_basis LIKE '%147/2024%'
                      AND abs(extract(epoch FROM (due_at - paused_until) - (opened_at + interval '24 hours'
                          - (paused_until - interval '3 seconds')))) < 0.001
                    """
                ) == 1
            )
        }
    }
}
