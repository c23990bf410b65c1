import Foundation
import Logging
import Postgres
import ServiceLifecycle
import WatchpostStore

/// The deadline enforcer every worker runs: escalate overdue obligations (publishing
/// `incident.escalated` onto the lifecycle topic), send due reminders, then sleep until the
/// nearest deadline or a `NOTIFY watchpost_deadlines`, whichever comes first — never a blind
/// poll. Rows are claimed with `SKIP LOCKED`, so N workers never double-fire.
public struct EnforcerService: Service {
    /// The channel the store notifies when obligations open or change.
    public static let channel = "watchpost_deadlines"

    let settings: WorkerSettings
    let deadlines: DeadlineStore
    let publisher: EventPublisher
    let metrics: PipelineMetrics
    let logger: Logger

    /// Runs until graceful shutdown; outages are waited out with back-off.
    public func run() async throws {
        let listener = DeadlineListener(configuration: settings.database, channel: Self.channel, logger: logger)
        var backoff = settings.backoff
        var lastGauges = ContinuousClock.now - settings.gaugeInterval
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                // LISTEN before looking, so a NOTIFY sent while we look is not missed.
                try await listener.connect()
                let worked = try await round()
                if ContinuousClock.now - lastGauges >= settings.gaugeInterval {
                    await refreshGauges()
                    lastGauges = .now
                }
                backoff.reset()
                if worked { continue }
                let wait = try await nextWait()
                _ = try await cancelWhenGracefulShutdown {
                    try await listener.wait(timeout: wait)
                }
            } catch {
                if Task.isShuttingDownGracefully || Task.isCancelled { break }
                await listener.close()
                metrics.recordRetry(after: error)
                let delay = backoff.nextDelay()
                logger.warning(
                    "deadline enforcer round failed; retrying",
                    metadata: ["error": "\(error)", "retry_in_ms": "\(delay.milliseconds)"]
                )
                do {
                    try await cancelWhenGracefulShutdown { try await Task.sleep(for: delay) }
                } catch {
                    break
                }
            }
        }
        await listener.close()
        logger.info("deadline enforcer stopped")
    }

    /// Escalates and reminds what is due now; returns whether a limit was hit (more may wait).
    func round() async throws -> Bool {
        let limit = settings.enforcerBatchLimit
        let publisher = self.publisher
        let metrics = self.metrics
        let logger = self.logger
        let escalated = try await deadlines.escalateDue(now: Date(), limit: limit) { events in
            try await publisher.publish(events)
            metrics.escalationsPublished.increment(by: events.count)
            for event in events {
                logger.notice(
                    "escalation published",
                    metadata: [
                        "incident_id": "\(event.incidentID.canonicalString)",
                        "event_id": "\(event.eventID.canonicalString)",
                        // occurredAt is the missed deadline: how late the enforcer is.
                        "after_deadline_ms": "\(Int(Date().timeIntervalSince(event.occurredAt) * 1000))",
                    ]
                )
            }
        }
        let reminded = try await deadlines.sendDueReminders(now: Date(), limit: limit)
        metrics.remindersSent.increment(by: reminded)
        if reminded > 0 { logger.info("reminders sent", metadata: ["count": "\(reminded)"]) }
        return escalated >= limit || reminded >= limit
    }

    /// How long to sleep: until the next deadline or reminder, at most `enforcerMaxSleep`.
    func nextWait() async throws -> Duration {
        guard let next = try await deadlines.nextWakeUp() else { return settings.enforcerMaxSleep }
        // A little past the instant, so `due_at <= now` holds when we look.
        let seconds = next.timeIntervalSinceNow + 0.005
        // Work that is due but was not taken (e.g. locked by another worker) is looked at
        // again shortly, not in a tight loop.
        guard seconds > 0 else { return .milliseconds(200) }
        return min(settings.enforcerMaxSleep, .milliseconds(Int64(seconds * 1000) + 1))
    }

    private func refreshGauges() async {
        do {
            let gauges = try await deadlines.obligationGauges(now: Date())
            metrics.obligationsDue.record(gauges.due)
            metrics.obligationsOverdue.record(gauges.overdue)
        } catch {
            logger.debug("could not read obligation gauges", metadata: ["error": "\(error)"])
        }
    }
}
