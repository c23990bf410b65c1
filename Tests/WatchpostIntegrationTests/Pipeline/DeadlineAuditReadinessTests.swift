import Foundation
import Postgres
import Prometheus
import Testing
import WatchpostCore
import WatchpostStore

@testable import WatchpostPipeline

/// The worker's periodic deadline audit: `/readyz` fails its `deadline_audit` check while an
/// exception stands and recovers once the enforcer catches up; the gauges follow.
@Suite(.timeLimit(.minutes(5)))
struct DeadlineAuditReadinessTests {
    @Test func deadlineAuditCheckIsUnknownUntilTheFirstAuditThenFailsOnlyOnExceptions() {
        var state = ReadinessState()
        state.finished(.answered(oldestOverdueSeconds: 0))
        func check(_ audit: DeadlineAuditReading.State?) -> HealthReport.Check? {
            state.report(
                now: .now,
                consumer: .member(partitions: 1),
                timeout: .seconds(2),
                overdueAlarm: .seconds(60),
                audit: audit
            ).checks.first { $0.name == "deadline_audit" }
        }
        #expect(check(nil) == nil)
        #expect(check(.notYet)?.status == .unknown)
        #expect(check(.failed("timeout"))?.status == .unknown)
        #expect(check(.found([]))?.status == .ok)
        let failing = check(.found(["a", "b", "c", "d"]))
        #expect(failing?.status == .failing)
        #expect(failing?.detail == "4 exception(s): a; b; c; and 1 more")
    }

    @Test func readinessFailsTheDeadlineAuditWhileAnExceptionStandsAndRecoversAfter() async throws {
        try await StoreTestDatabase.with { pool in
            let scenario = AuditScenario.overdueByAnHour()
            let obligation = try await scenario.store(in: pool)
            let (service, reading, registry) = Self.auditService(on: pool)
            var state = ReadinessState()
            state.finished(.answered(oldestOverdueSeconds: 0))
            func readiness() -> HealthReport {
                state.report(
                    now: .now,
                    consumer: .member(partitions: 1),
                    timeout: .seconds(2),
                    overdueAlarm: .seconds(3600 * 24),
                    audit: reading.current
                )
            }
            #expect(readiness().checks.last?.status == .unknown)

            // The enforcer is stopped: one round of the audit names the obligation.
            try await service.round()
            let unready = readiness()
            #expect(!unready.isHealthy)
            let check = try #require(unready.checks.first { $0.name == "deadline_audit" })
            #expect(check.status == .failing)
            #expect(check.detail.contains("obligation \(obligation.uuidString.lowercased())"), "\(check.detail)")
            #expect(check.detail.contains("not escalated"), "\(check.detail)")
            let body = String(decoding: unready.json(), as: UTF8.self)
            #expect(body.contains(#""failing":["deadline_audit"]"#), "\(body)")
            #expect(Self.gauge(DeadlineAuditGauges.exceptionsLabel, in: registry) == 3)
            let firstRun = try #require(Self.gauge(DeadlineAuditGauges.lastRunLabel, in: registry))
            #expect(firstRun > 0)

            // The enforcer comes back and does its work: the next round is clean.
            try await scenario.enforceOnTime(in: pool)
            try await service.round()
            #expect(readiness().isHealthy, "\(readiness())")
            #expect(Self.gauge(DeadlineAuditGauges.exceptionsLabel, in: registry) == 0)
            #expect(try #require(Self.gauge(DeadlineAuditGauges.lastRunLabel, in: registry)) >= firstRun)
        }
    }

    @Test func aLateEscalationStaysInTheMetricButMakesNoWorkerUnready() async throws {
        try await StoreTestDatabase.with { pool in
            let scenario = AuditScenario.overdueByAnHour()
            _ = try await scenario.store(in: pool)
            let (service, reading, registry) = Self.auditService(on: pool)
            try await service.round()
            guard case .found(let before) = reading.current else { Issue.record("no audit"); return }
            #expect(before.count == 1, "only the missing escalation stands: the reminders' deadline has passed")
            // The enforcer comes back half an hour after the deadline: it escalates, late.
            try await scenario.escalate(at: scenario.deadline.addingTimeInterval(1_800), in: pool)
            try await service.round()
            #expect(reading.current == .found([]), "the slip is over: nobody needs to act")
            #expect(
                Self.gauge(DeadlineAuditGauges.exceptionsLabel, in: registry) == 3,
                "late escalation and two reminders"
            )
        }
    }

    /// A worker's audit service on `pool` with the default settings, the reading it updates and
    /// the registry its gauges report to.
    static func auditService(on pool: PostgresPool) -> (
        DeadlineAuditService, DeadlineAuditReading, PrometheusCollectorRegistry
    ) {
        let registry = PrometheusCollectorRegistry()
        let reading = DeadlineAuditReading()
        let service = DeadlineAuditService(
            store: AuditStore(pool: pool),
            settings: WorkerSettings(brokers: [], database: pool.configuration, configDirectory: PipelinePaths.config),
            reading: reading,
            metricsFactory: PrometheusMetricsFactory(registry: registry),
            logger: StoreTestDatabase.logger
        )
        return (service, reading, registry)
    }

    /// The value of the gauge `label` as Prometheus would scrape it.
    static func gauge(_ label: String, in registry: PrometheusCollectorRegistry) -> Double? {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        let text = String(decoding: buffer, as: UTF8.self)
        let line = text.split(separator: "\n").first { $0.hasPrefix(label + " ") }
        return line.flatMap { Double($0.dropFirst(label.count + 1)) }
    }
}
