import Foundation
import Metrics

/// The Prometheus gauges of the worker's deadline audit:
/// `watchpost_deadline_audit_exceptions`, how many deadlines or reminders slipped in the audit's
/// window at its last run, and `watchpost_deadline_audit_last_run_timestamp_seconds`, when that
/// run finished (Unix time), so an audit that stopped running shows too.
struct DeadlineAuditGauges: Sendable {
    /// The exceptions gauge's name.
    static let exceptionsLabel = "watchpost_deadline_audit_exceptions"
    /// The last run gauge's name.
    static let lastRunLabel = "watchpost_deadline_audit_last_run_timestamp_seconds"

    private let exceptions: Gauge
    private let lastRun: Gauge

    /// Creates the gauges with `factory`.
    init(factory: any MetricsFactory) {
        exceptions = Gauge(label: Self.exceptionsLabel, factory: factory)
        lastRun = Gauge(label: Self.lastRunLabel, factory: factory)
    }

    /// Records a run that finished at `finishedAt` with `count` exceptions.
    func record(exceptions count: Int, finishedAt: Date) {
        exceptions.record(count)
        lastRun.record(finishedAt.timeIntervalSince1970)
    }
}
