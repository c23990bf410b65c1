import Foundation
import Logging
import Metrics
import Postgres
import ServiceLifecycle
import Synchronization
import WatchpostStore

/// Keeps `/readyz` honest without letting an HTTP request wait on the database: every
/// `healthCheckInterval` it asks PostgreSQL `SELECT 1` and the age of the oldest overdue,
/// unescalated obligation, records that age in `watchpost_oldest_overdue_obligation_seconds`,
/// and keeps the answer. A request reads the last answer; a round that has not answered within
/// `healthCheckTimeout` counts as failing, so a hung database shows within the timeout and no
/// request or connection piles up behind it.
public final class WorkerHealth: Sendable {
    let pool: PostgresPool
    let membership: ConsumerMembership
    let interval: Duration
    let timeout: Duration
    let overdueAlarm: Duration
    let gauge: OverdueObligationGauge?
    /// The worker's last deadline audit; `nil` when the worker does not audit.
    let audit: DeadlineAuditReading?
    let logger: Logger
    private let state = Mutex(ReadinessState())

    /// Creates the probe on `pool` (the worker's), reading the consumer's `membership`, with
    /// the interval, timeout and alarm of `settings`, and the deadline `audit`'s last outcome;
    /// `metricsFactory` receives the gauge.
    init(
        pool: PostgresPool,
        membership: ConsumerMembership,
        settings: WorkerSettings,
        metricsFactory: (any MetricsFactory)?,
        audit: DeadlineAuditReading? = nil,
        logger: Logger
    ) {
        self.pool = pool
        self.membership = membership
        self.interval = settings.healthCheckInterval
        self.timeout = settings.healthCheckTimeout
        self.overdueAlarm = settings.overdueAlarm
        self.gauge = metricsFactory.map(OverdueObligationGauge.init(factory:))
        self.audit = audit
        self.logger = logger
    }

    /// Probes until graceful shutdown or cancellation.
    public func run() async {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            await probe()
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: self.interval) }
            } catch {
                return
            }
        }
    }

    /// One round: `SELECT 1`, then the oldest overdue obligation's age.
    func probe() async {
        state.withLock { $0.started(at: .now) }
        let round: ReadinessState.Round
        do {
            let age = try await pool.withConnection { connection in
                try await connection.query("SELECT 1")
                return try await OverdueObligations.oldestUnescalatedAge(now: Date(), on: connection)
            }
            gauge?.record(age)
            round = .answered(oldestOverdueSeconds: age)
        } catch {
            logger.debug("health probe failed", metadata: ["error": "\(error)"])
            round = .failed("\(error)")
        }
        state.withLock { $0.finished(round) }
    }

    /// The readiness report now.
    public func readiness() -> HealthReport {
        state.withLock { $0 }.report(
            now: .now,
            consumer: membership.current,
            timeout: timeout,
            overdueAlarm: overdueAlarm,
            audit: audit?.current
        )
    }
}
