import Foundation
import Logging
import ServiceLifecycle
import WatchpostCore
import WatchpostStore

/// Every worker's retention schedule: once per `WorkerSettings.purgeInterval` across the whole
/// cluster, purge the details of closed incidents, and the bodies of rejected inputs, past the
/// policy's periods.
///
/// Each worker looks hourly (or at the interval, if shorter); the database decides: a purge runs
/// only when no worker-started purge began within the interval, and only one purge runs at a
/// time (`RetentionStore`'s advisory lock), so N workers purge once, not N times.
struct RetentionService: Service {
    let store: RetentionStore
    let retention: RetentionPolicy
    let settings: WorkerSettings
    let logger: Logger

    func run() async throws {
        let interval = settings.purgeInterval
        let loop = ScheduledLoop(
            what: "purge",
            interval: min(interval, .seconds(3600)),
            backoff: settings.backoff,
            logger: logger
        )
        await loop.run {
            let now = Date()
            _ = try await store.purge(
                period: retention.studentIncidentDetails,
                otherPeriod: retention.otherIncidentDetails,
                now: now,
                trigger: .worker,
                runBy: "worker:\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)",
                unlessRunSince: now.addingTimeInterval(-DeadlineDuration.seconds(interval))
            )
        }
    }
}
