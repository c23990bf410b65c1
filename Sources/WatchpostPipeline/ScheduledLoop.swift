import Logging
import ServiceLifecycle

/// The loop of a worker's scheduled chore (retention, periodic reports): run `body` at once,
/// then every `interval` until graceful shutdown; after a failure, log it and try again after the
/// back-off delay instead. Whether the chore is due is for `body` to ask the database, so that
/// any number of workers run it once.
struct ScheduledLoop {
    /// What the chore is, for the logs ("purge", "producing scheduled reports").
    let what: String
    let interval: Duration
    let backoff: Backoff
    let logger: Logger

    func run(_ body: () async throws -> Void) async {
        var backoff = self.backoff
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            var wait = interval
            do {
                try await body()
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
