import Kafka
import Postgres
import WatchpostStore

/// Whether an error from the database or the broker is an outage worth waiting out (retry the
/// same work after a back-off) or a permanent refusal of this particular input.
enum ErrorClassification {
    /// True for connection failures, time-outs, serialization failures and deadlocks, a broker
    /// that is down or slow, and anything that says it is retriable.
    static func isRetriable(_ error: any Error) -> Bool {
        switch error {
        case let error as StoreError:
            return error.isRetriable
        case let error as PostgresError:
            // 25P02 follows a statement that failed inside the transaction: the statement's
            // own error decided; here it was swallowed, so treat it as permanent.
            return error.isRetriable
        case let error as KafkaError:
            // A broker outage shows up as time-outs and transport errors; configuration and
            // fatal errors will not heal by waiting.
            return error.code != .configuration && error.code != .fatal && error.code != .closed
                && error.code != .messageTooLarge
        case is CancellationError:
            return false
        default:
            return false
        }
    }
}
