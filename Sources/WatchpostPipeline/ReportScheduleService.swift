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
        let loop = ScheduledLoop(
            what: "producing scheduled reports",
            interval: settings.reportInterval,
            backoff: settings.backoff,
            logger: logger
        )
        await loop.run {
            let produced = try await reports.produceDue(now: Date(), settle: settings.reportSettle)
            logger.info("scheduled reports checked", metadata: ["produced": "\(produced.count)"])
        }
    }
}
