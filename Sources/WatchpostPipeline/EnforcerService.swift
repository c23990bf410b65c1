import Foundation
import Logging
import Postgres
import ServiceLifecycle
import WatchpostStore

/// The deadline enforcer every worker runs: escalate overdue obligations (queueing
/// `incident.escalated` in the outbox, which the relay publishes onto the lifecycle topic), send
/// due reminders, then sleep until the nearest deadline, a `NOTIFY watchpost_deadlines` or
/// `enforcerMaxSleep`, whichever comes first. Rows are claimed with `SKIP LOCKED`, so N workers
/// never double-fire, and any worker's enforcer handles what another one missed.
///
/// It touches only PostgreSQL: a slow or unreachable broker can delay the escalation's delivery
/// (the relay retries it) but never the enforcer's rounds, so reminders and escalation requests
/// are never held up behind Kafka.
public struct EnforcerService: Service {
    /// The channel the store notifies when obligations open or change.
    public static let channel = StoreChannel.deadlines

    let settings: WorkerSettings
    let deadlines: DeadlineStore
    let metrics: PipelineMetrics
    let logger: Logger

    /// Runs until graceful shutdown; outages are waited out with back-off.
    public func run() async throws {
        var gauges = Throttle(every: settings.gaugeInterval)
        try await NotifiedLoop(
            name: "deadline enforcer",
            channel: Self.channel,
            database: settings.database,
            maxSleep: settings.enforcerMaxSleep,
            backoff: settings.backoff,
            metrics: metrics,
            logger: logger
        ).run(
            round: {
                let more = try await round()
                if gauges.isDue() { await refreshGauges() }
                return more
            },
            nextDue: nextWait
        )
    }

    /// Escalates and reminds what is due now; returns whether a limit was hit (more may wait).
    func round() async throws -> Bool {
        let limit = settings.enforcerBatchLimit
        // Deadlines a closure moved are moved before anything is escalated on the old ones.
        _ = try await deadlines.applyDeclarations(now: Date(), limit: limit)
        let escalated = try await deadlines.escalateDue(now: Date(), limit: limit, topic: settings.eventsTopic)
        metrics.escalationsPublished.increment(by: escalated.events.count)
        for event in escalated.events {
            logger.notice(
                "escalation requested",
                metadata: [
                    "incident_id": "\(event.incidentID.canonicalString)",
                    "event_id": "\(event.eventID.canonicalString)",
                    // occurredAt is the missed deadline: how late the enforcer is.
                    "after_deadline_ms": "\(Int(Date().timeIntervalSince(event.occurredAt) * 1000))",
                ]
            )
        }
        let reminded = try await deadlines.sendDueReminders(now: Date(), limit: limit)
        metrics.remindersSent.increment(by: reminded)
        if reminded > 0 { logger.info("reminders sent", metadata: ["count": "\(reminded)"]) }
        return escalated.claimed >= limit || reminded >= limit
    }

    /// How long until the next deadline or reminder; nil when none is known.
    func nextWait() async throws -> Duration? {
        guard let next = try await deadlines.nextWakeUp() else { return nil }
        // A little past the instant, so `due_at <= now` holds when we look.
        let seconds = next.timeIntervalSinceNow + 0.005
        // Work that is due but was not taken (e.g. locked by another worker) is looked at
        // again shortly, not in a tight loop.
        guard seconds > 0 else { return .milliseconds(200) }
        return .milliseconds(Int64(seconds * 1000) + 1)
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
