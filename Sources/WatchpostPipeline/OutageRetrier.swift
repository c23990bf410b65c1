import Logging
import ServiceLifecycle

/// Retries one piece of work through database and broker outages: back off exponentially with
/// jitter and try the same work again, for as long as it takes, unless the error is permanent
/// or the service is shutting down.
struct OutageRetrier: Sendable {
    var backoff: Backoff
    let metrics: PipelineMetrics
    let logger: Logger

    /// Thrown instead of retrying once a graceful shutdown began during an outage: the work in
    /// hand is abandoned uncommitted, to be redone by whoever owns it next.
    struct ShutdownDuringOutage: Error, CustomStringConvertible {
        var what: String
        var description: String { "shutting down during an outage; \(what) is left for a later attempt" }
    }

    /// Runs `body` until it succeeds or throws an error that is not retriable.
    ///
    /// - Parameters:
    ///   - what: names the work in logs.
    ///   - onOutage: called once, before the first wait (e.g. to pause the consumer).
    ///   - onRecovery: called once after success if `onOutage` was called.
    func run<Value>(
        _ what: String,
        metadata: Logger.Metadata = [:],
        onOutage: () -> Void = {},
        onRecovery: () -> Void = {},
        _ body: () async throws -> Value
    ) async throws -> Value {
        var backoff = self.backoff
        var inOutage = false
        while true {
            do {
                let value = try await body()
                if inOutage {
                    logger.notice("\(what) succeeded after \(backoff.attempts) retries", metadata: metadata)
                    onRecovery()
                }
                return value
            } catch {
                guard ErrorClassification.isRetriable(error) else { throw error }
                if Task.isShuttingDownGracefully || Task.isCancelled {
                    if inOutage { onRecovery() }
                    throw ShutdownDuringOutage(what: what)
                }
                if !inOutage {
                    inOutage = true
                    onOutage()
                }
                metrics.recordRetry(after: error)
                let delay = backoff.nextDelay()
                var details = metadata
                details["error"] = "\(error)"
                details["retry_in_ms"] = "\(delay.milliseconds)"
                details["attempt"] = "\(backoff.attempts)"
                logger.warning("\(what) failed; retrying the same work", metadata: details)
                do {
                    try await cancelWhenGracefulShutdown {
                        try await Task.sleep(for: delay)
                    }
                } catch {
                    if inOutage { onRecovery() }
                    throw ShutdownDuringOutage(what: what)
                }
            }
        }
    }
}

extension Duration {
    /// Whole milliseconds, for logs and librdkafka settings.
    var milliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }
}
