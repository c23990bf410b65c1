import Foundation
import Logging
import Postgres
import Prometheus
import ServiceLifecycle
import Testing
import WatchpostOperations
import WatchpostTestSupport
import WatchpostStore

@testable import WatchpostPipeline

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `/readyz` checks what it names: PostgreSQL answers, the consumer is in its group, and no
/// overdue obligation has waited for its escalation longer than the alarm; `/healthz` only
/// says the process serves.
@Suite("Worker readiness")
struct WorkerReadinessTests {
    @Test("the readiness report names each check; the deadline check fails only above the alarm")
    func readinessReportNamesEachCheck() {
        let start = ContinuousClock.now
        let (timeout, alarm): (Duration, Duration) = (.seconds(2), .seconds(60))
        var state = ReadinessState()
        func statuses(
            at now: ContinuousClock.Instant = start,
            _ consumer: ConsumerMembership.State = .member(partitions: 2)
        ) -> [String: HealthReport.Check.Status] {
            let report = state.report(now: now, consumer: consumer, timeout: timeout, overdueAlarm: alarm)
            return Dictionary(uniqueKeysWithValues: report.checks.map { ($0.name, $0.status) })
        }

        #expect(statuses() == ["database": .failing, "consumer": .ok, "deadlines": .unknown])
        state.started(at: start)
        state.finished(.answered(oldestOverdueSeconds: 60))
        #expect(statuses() == ["database": .ok, "consumer": .ok, "deadlines": .ok])
        state.finished(.answered(oldestOverdueSeconds: 61))
        #expect(statuses() == ["database": .ok, "consumer": .ok, "deadlines": .failing])
        #expect(statuses(.joining)["consumer"] == .failing && statuses(.left)["consumer"] == .failing)

        // A round in flight for longer than the timeout fails the database, whatever came before.
        state.finished(.answered(oldestOverdueSeconds: 0))
        state.started(at: start)
        #expect(statuses(at: start + .seconds(1)) == ["database": .ok, "consumer": .ok, "deadlines": .ok])
        #expect(statuses(at: start + .seconds(3)) == ["database": .failing, "consumer": .ok, "deadlines": .unknown])
        state.finished(.failed("connection refused"))
        let report = state.report(now: start, consumer: .member(partitions: 0), timeout: timeout, overdueAlarm: alarm)
        #expect(!report.isHealthy)
        #expect(report.checks.first?.detail.contains("connection refused") == true)
        let body = String(decoding: report.json(), as: UTF8.self)
        #expect(body.contains(#""failing":["database"]"#) && body.contains(#""status":"unavailable""#), "\(body)")
    }

    @Test("/readyz answers 503 naming the database when PostgreSQL is unreachable", .timeLimit(.minutes(5)))
    func readyzFailsWhenPostgreSQLIsUnreachable() async throws {
        // Nothing listens on a port just freed: every connection is refused.
        let deadPort = try PipelineOperationsTests.freePort()
        var settings = WorkerSettings(
            brokers: ["127.0.0.1:1"],
            database: try PostgresConfiguration(conninfo: "host=127.0.0.1 port=\(deadPort) user=watchpost"),
            configDirectory: PipelinePaths.config
        )
        settings.healthCheckInterval = .milliseconds(100)
        let pool = PostgresPool(configuration: settings.database, maxConnections: 1)
        let membership = ConsumerMembership()
        membership.assigned(1)
        let health = WorkerHealth(
            pool: pool,
            membership: membership,
            settings: settings,
            metricsFactory: nil,
            logger: PipelineInProcessWorker.logger
        )
        let port = try PipelineOperationsTests.freePort()
        let service = OperationsServer(
            WorkerEndpoint(
                registry: PrometheusCollectorRegistry(),
                host: "127.0.0.1",
                port: port,
                health: health,
                logger: PipelineInProcessWorker.logger
            )
        )
        try await Self.serving(service) {
            let base = "http://127.0.0.1:\(port)"
            var ready = HTTPAnswer(status: 0, body: "")
            try await waitUntil("/readyz answers 503", timeout: .seconds(30)) {
                ready = try await HTTPAnswer.get("\(base)/readyz")
                return ready.status == 503 && ready.body.contains("SELECT 1 failed")
            }
            #expect(ready.body.contains(#""failing":["database"]"#), "\(ready.body)")
            #expect(ready.body.contains(#""name":"deadlines","status":"unknown""#), "\(ready.body)")
            #expect(try await HTTPAnswer.get("\(base)/health").status == 503)
            let live = try await HTTPAnswer.get("\(base)/healthz")
            #expect(live.status == 200 && live.body.contains(#""status":"ok""#), "\(live.body)")
        }
        await pool.close()
    }

    @Test(
        "/readyz answers 503 naming the deadlines while an overdue obligation waits longer than the alarm, else 200",
        .timeLimit(.minutes(10))
    )
    func readyzFailsWhileAnOverdueObligationWaitsTooLong() async throws {
        try await PipelineDatabase.with { database in
            let broker = try await PipelineBroker(partitions: 1)
            var settings = PipelineInProcessWorker.settings(broker: broker, database: database)
            // Nothing escalates the obligation this test makes overdue.
            settings.runsEnforcer = false
            settings.metricsPort = try PipelineOperationsTests.freePort()
            settings.overdueAlarm = .seconds(600)
            settings.healthCheckInterval = .milliseconds(100)
            let base = "http://127.0.0.1:\(settings.metricsPort)"
            try await PipelineInProcessWorker.with(1, settings: settings) { workers in
                try await waitUntil("/readyz answers 200: database, consumer and deadlines ok", timeout: .seconds(60)) {
                    try await HTTPAnswer.get("\(base)/readyz").status == 200
                }
                let pool = PostgresPool(configuration: database.configuration, maxConnections: 1)
                try await DeliveryFixture.route(
                    [DeliveryFixture.report()],
                    pool: pool,
                    directory: workers[0].configuration.directory
                )
                await pool.close()

                // Overdue, but for less than the alarm: still ready, and the gauge shows it.
                try await Self.makeFirstObligationOverdue(by: "1 minute", in: database)
                try await waitUntil("the gauge shows the minute-old obligation", timeout: .seconds(30)) {
                    try await Self.oldestOverdueGauge(base) ?? 0 >= 60
                }
                // The deadline check is judged once the database answers (a busy machine may make
                // one probe slow; that is the database check's business, not this one's).
                let fine = try await Self.readyzOnceTheDatabaseAnswers(base)
                #expect(fine.checks["deadlines"] == "ok", "\(fine.body)")

                // Overdue for longer than the alarm: unready, naming the deadline check.
                try await Self.makeFirstObligationOverdue(by: "20 minutes", in: database)
                var answer = HTTPAnswer(status: 0, body: "")
                try await waitUntil("/readyz names the deadlines as failing", timeout: .seconds(30)) {
                    answer = try await HTTPAnswer.get("\(base)/readyz")
                    return answer.checks["deadlines"] == "failing"
                }
                #expect(answer.status == 503)
                #expect(answer.failing.contains("deadlines"), "\(answer.body)")
                try await waitUntil("the gauge shows the 20-minute-old obligation") {
                    try await Self.oldestOverdueGauge(base) ?? 0 >= 1_200
                }

                // Once its escalation is requested, the obligation no longer counts.
                _ = try await database.scalar(
                    """
                    WITH escalated AS (
                        UPDATE obligations SET escalation_requested_level = level + 1
                        WHERE status = 'open' AND due_at <= now() RETURNING 1
                    ) SELECT count(*) FROM escalated
                    """
                )
                try await waitUntil("/readyz names the deadlines as ok again", timeout: .seconds(30)) {
                    try await HTTPAnswer.get("\(base)/readyz").checks["deadlines"] == "ok"
                }
                try await waitUntil("the gauge shows nothing overdue") {
                    try await Self.oldestOverdueGauge(base) == 0
                }
            }
        }
    }

    /// The readiness answer once its database check is `ok` again.
    private static func readyzOnceTheDatabaseAnswers(_ base: String) async throws -> HTTPAnswer {
        var answer = HTTPAnswer(status: 0, body: "")
        try await waitUntil("/readyz finds the database answering", timeout: .seconds(30)) {
            answer = try await HTTPAnswer.get("\(base)/readyz")
            return answer.checks["database"] == "ok"
        }
        return answer
    }

    /// Moves the deadline of the open obligation due first to `interval` ago.
    private static func makeFirstObligationOverdue(by interval: String, in database: PipelineDatabase) async throws {
        let updated = try await database.scalar(
            """
            WITH first AS (
                UPDATE obligations SET due_at = now() - \(interval)::interval
                WHERE id = (SELECT id FROM obligations WHERE status = 'open' ORDER BY due_at, id LIMIT 1)
                RETURNING 1
            ) SELECT count(*) FROM first
            """
        )
        try #require(updated == 1)
    }

    /// `watchpost_oldest_overdue_obligation_seconds` as `/metrics` serves it; `nil` when this
    /// answer lacks it (a request cut short on a busy machine), for the caller's wait to ask again.
    private static func oldestOverdueGauge(_ base: String) async throws -> Double? {
        let text = try await HTTPAnswer.get("\(base)/metrics").body
        let name = OverdueObligationGauge.label + " "
        return text.split(separator: "\n").first { $0.hasPrefix(name) }.flatMap { Double($0.dropFirst(name.count)) }
    }

    /// Runs `service` in a service group while `body` runs, then shuts it down gracefully.
    private static func serving(_ service: OperationsServer, _ body: () async throws -> Void) async throws {
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(services: [service], logger: PipelineInProcessWorker.logger)
        )
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            do {
                try await body()
            } catch {
                await group.triggerGracefulShutdown()
                throw error
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }
}

/// One HTTP answer: status and body.
struct HTTPAnswer: Sendable {
    var status: Int
    var body: String

    /// The status each check reports in the body (`ok`, `failing`, `unknown`), by name.
    var checks: [String: String] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any],
            let checks = object["checks"] as? [[String: Any]]
        else { return [:] }
        var result: [String: String] = [:]
        for check in checks {
            if let name = check["name"] as? String, let status = check["status"] as? String { result[name] = status }
        }
        return result
    }

    /// The names the body lists as failing.
    var failing: [String] {
        let object = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
        return object?["failing"] as? [String] ?? []
    }

    /// `GET url`; throws when nothing answers.
    static func get(_ url: String) async throws -> HTTPAnswer {
        guard let address = URL(string: url) else { throw PipelineTimeout(what: "a valid URL \(url)") }
        let (data, response) = try await URLSession.shared.data(from: address)
        return HTTPAnswer(
            status: (response as? HTTPURLResponse)?.statusCode ?? 0,
            body: String(decoding: data, as: UTF8.self)
        )
    }
}
