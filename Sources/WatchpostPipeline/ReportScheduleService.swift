import Foundation
import Logging
import ServiceLifecycle
import WatchpostCore

/// Every worker's report schedule: at start and every `WorkerSettings.reportInterval`, produce
/// the weekly and monthly reports that are due and not yet produced. The database decides which
/// worker produces each one (`ReportRunStore`), so N workers produce each report once.
struct ReportScheduleService: Service {
    let reports: ScheduledReports
    let settings: WorkerSettings
    let logger: Logger

    func run() async throws {
        var backoff = settings.backoff
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            var wait = settings.reportInterval
            do {
                let produced = try await reports.produceDue(now: Date(), settle: settings.reportSettle)
                logger.info("scheduled reports checked", metadata: ["produced": "\(produced.count)"])
                backoff.reset()
            } catch {
                if Task.isShuttingDownGracefully || Task.isCancelled { break }
                wait = backoff.nextDelay()
                logger.warning(
                    "producing scheduled reports failed; retrying",
                    metadata: ["error": "\(error)", "retry_in_ms": "\(wait.milliseconds)"]
                )
            }
            let sleep = wait
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: sleep) }
            } catch {
                break
            }
        }
        logger.info("report schedule stopped")
    }
}
