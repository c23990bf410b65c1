import Logging
import ServiceLifecycle

/// The loop behind a worker's scheduled chores (retention, periodic reports, the deadline
/// audit): run a round, wait `interval`, again until graceful shutdown or cancellation. A round
/// that fails is logged as a warning and retried after `backoff`'s next delay instead of the
/// interval, so an outage is waited out without a burst of retries.
struct ScheduledLoop: Sendable {
    /// What a round does, for the logs: `purge`, `producing scheduled reports`.
    let what: String
    /// The wait between rounds that succeed.
    let interval: Duration
    /// The waits after rounds that fail.
    let backoff: Backoff
    let logger: Logger

    /// Runs `round` at start and then every `interval`; returns at graceful shutdown.
    func run(_ round: () async throws -> Void) async {
        var backoff = self.backoff
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            var wait = interval
            do {
                try await round()
                backoff.reset()
            } catch {
                if Task.isShuttingDownGracefully || Task.isCancelled { break }
                wait = backoff.nextDelay()
                logger.warning(
                    "\(what) failed; retrying",
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
        logger.info("\(what) schedule stopped")
    }
}
