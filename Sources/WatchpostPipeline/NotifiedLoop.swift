import Logging
import Postgres
import ServiceLifecycle

/// The loop of a service that works when there is work: `LISTEN` on a channel, do a round, and
/// unless the round says more is waiting, sleep until a `NOTIFY`, the round's next due instant, or
/// `maxSleep`, whichever comes first. `maxSleep` is short, so a notification lost while the
/// listener reconnects (or sent by a worker that crashed before it) costs at most one bounded
/// sleep. Database and broker outages are waited out with back-off; an error for which `isFatal`
/// is true ends the loop by throwing it.
struct NotifiedLoop: Sendable {
    let name: String
    let channel: String
    let database: PostgresConfiguration
    let maxSleep: Duration
    let backoff: Backoff
    let metrics: PipelineMetrics
    let logger: Logger

    /// Runs until graceful shutdown or cancellation. `round` returns whether it hit its limit
    /// (look again at once); `nextDue` returns how long until the next known work, if any.
    func run(
        isFatal: @Sendable (any Error) -> Bool = { _ in false },
        round: () async throws -> Bool,
        nextDue: () async throws -> Duration? = { nil }
    ) async throws {
        let listener = DeadlineListener(configuration: database, channel: channel, logger: logger)
        do {
            try await loop(listener, isFatal: isFatal, round: round, nextDue: nextDue)
        } catch {
            await listener.close()
            throw error
        }
        await listener.close()
        logger.info("\(name) stopped")
    }

    private func loop(
        _ listener: DeadlineListener,
        isFatal: @Sendable (any Error) -> Bool,
        round: () async throws -> Bool,
        nextDue: () async throws -> Duration?
    ) async throws {
        var backoff = self.backoff
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                // LISTEN before looking, so a NOTIFY sent while we look is not missed.
                try await listener.connect()
                if try await round() {
                    backoff.reset()
                    continue
                }
                let wait = min(maxSleep, max(.zero, try await nextDue() ?? maxSleep))
                backoff.reset()
                _ = try await cancelWhenGracefulShutdown {
                    try await listener.wait(timeout: wait)
                }
            } catch {
                if Task.isShuttingDownGracefully || Task.isCancelled { break }
                if isFatal(error) {
                    logger.critical("\(name) stopped: \(error)")
                    throw error
                }
                await listener.close()
                metrics.recordRetry(after: error)
                let delay = backoff.nextDelay()
                logger.warning(
                    "\(name) round failed; retrying",
                    metadata: ["error": "\(error)", "retry_in_ms": "\(delay.milliseconds)"]
                )
                do {
                    try await cancelWhenGracefulShutdown { try await Task.sleep(for: delay) }
                } catch {
                    break
                }
            }
        }
    }
}
