import ArgumentParser
import WatchpostCore

/// Why `watchpost publish` sent nothing (or not everything); each case has its own exit status.
enum PublishFailure: Error, Sendable {
    /// One or more events are invalid; nothing was sent. `label` is e.g. `line 3` for files.
    case rejected([(label: String?, rejection: EventRejection)])
    /// The configuration folder could not be read, or the settings contradict each other (an
    /// API address without a token): a setup mistake, not an outage.
    case configuration(String)
    /// The input file could not be read.
    case input(String)
    /// The broker did not store an event in time; `sent` lists those stored before it.
    case broker(brokers: [String], timeout: Duration, underlying: String, sent: [PublishReceipt])
    /// The API refused an event or did not answer (`status` nil); `sent` lists those it took before.
    case api(url: String, status: Int?, message: String, sent: [PublishReceipt])

    /// Exit statuses from BSD `sysexits.h`, so scripts can tell bad input from a down broker.
    var exitCode: ExitCode {
        switch self {
        case .rejected: ExitCode(65)  // EX_DATAERR
        case .input: ExitCode(66)  // EX_NOINPUT
        case .broker: ExitCode(69)  // EX_UNAVAILABLE
        case .api(_, let status?, _, _) where status == 401 || status == 403: ExitCode(77)  // EX_NOPERM
        case .api(_, let status?, _, _) where (400..<500).contains(status): ExitCode(65)  // EX_DATAERR
        case .api: ExitCode(69)  // EX_UNAVAILABLE
        case .configuration: ExitCode(78)  // EX_CONFIG
        }
    }
}
