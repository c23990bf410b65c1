import Foundation
import Logging
import Metrics
import ServiceLifecycle
import WatchpostCore
import WatchpostStore

/// Every worker's deadline audit (D38): at start and every `WorkerSettings.auditInterval`, check
/// the deadlines and reminders due in the last `auditWindow` with `AuditStore`, record the
/// result in `watchpost_deadline_audit_exceptions` and
/// `watchpost_deadline_audit_last_run_timestamp_seconds`, keep it for `/readyz`
/// (`DeadlineAuditReading`), and log a warning naming each exception when it first appears
/// (once, not every round while it stands).
///
/// It only reads, so every worker runs it and none depends on another: the enforcer being
/// stopped, stuck or wrong in one worker is seen by all the others.
struct DeadlineAuditService: Service {
    let store: AuditStore
    let settings: WorkerSettings
    let reading: DeadlineAuditReading
    let gauges: DeadlineAuditGauges?
    let logger: Logger

    init(
        store: AuditStore,
        settings: WorkerSettings,
        reading: DeadlineAuditReading,
        metricsFactory: (any MetricsFactory)?,
        logger: Logger
    ) {
        self.store = store
        self.settings = settings
        self.reading = reading
        self.gauges = metricsFactory.map(DeadlineAuditGauges.init(factory:))
        self.logger = logger
    }

    func run() async throws {
        let loop = ScheduledLoop(
            what: "deadline audit",
            interval: settings.auditInterval,
            backoff: settings.backoff,
            logger: logger
        )
        await loop.run {
            do {
                try await round()
            } catch {
                reading.failed(error)
                throw error
            }
        }
    }

    /// One audit of the window ending now.
    func round() async throws {
        let now = Date()
        let audit = try await store.audit(
            since: now.addingTimeInterval(-DeadlineDuration.seconds(settings.auditWindow)),
            now: now,
            grace: settings.auditGrace
        )
        let changes = reading.record(audit)
        gauges?.record(exceptions: audit.exceptions.count, finishedAt: Date())
        report(changes)
    }

    /// Logs each exception the previous audit had not found, and once when all have cleared.
    private func report(_ changes: (fresh: [DeadlineAuditException], cleared: Bool)) {
        for exception in changes.fresh {
            logger.warning(
                "deadline slipped: \(exception.missing)",
                metadata: [
                    "obligation_id": "\(exception.obligationID.uuidString.lowercased())",
                    "incident_id": "\(exception.incidentID.uuidString.lowercased())",
                    "school": "\(exception.school)",
                    "kind": "\(exception.kind.rawValue)",
                    "owner": "\(exception.ownerOfficerID ?? "-") (\(exception.ownerRelation.rawValue))",
                    "due_at": "\(exception.dueAt)",
                    "late_seconds": "\(exception.lateness.components.seconds)",
                ]
            )
        }
        if changes.cleared { logger.notice("deadline audit clean again: no deadline or reminder slipped") }
    }
}
