import Synchronization
import WatchpostCore
import WatchpostStore

/// The worker's last deadline audit, as `/readyz` sees it: written by `DeadlineAuditService`,
/// read by `WorkerHealth` without touching the database.
final class DeadlineAuditReading: Sendable {
    /// How the last audit ended.
    enum State: Sendable, Hashable {
        /// No audit has finished yet.
        case notYet
        /// It ran and found these outstanding exceptions (`DeadlineAuditException.isOutstanding`,
        /// described in English, most overdue first); slips that are over are not listed.
        case found([String])
        /// It failed with this error.
        case failed(String)
    }

    private let state = Mutex(State.notYet)
    /// The exceptions of the last audit that finished, by `key`.
    private let known = Mutex(Set<String>())

    /// The last audit's outcome.
    var current: State { state.withLock { $0 } }

    /// An audit finished with `audit`'s exceptions. Returns those the previous audit had not
    /// found, and whether exceptions it had found are now all gone.
    @discardableResult
    func record(_ audit: DeadlineAudit) -> (fresh: [DeadlineAuditException], cleared: Bool) {
        let found = audit.exceptions.filter { $0.isOutstanding(at: audit.now) }.map(Self.describe)
        state.withLock { $0 = .found(found) }
        let keys = Set(audit.exceptions.map(Self.key))
        let previous = known.withLock { known in
            defer { known = keys }
            return known
        }
        let fresh = audit.exceptions.filter { !previous.contains(Self.key($0)) }
        return (fresh, !previous.isEmpty && keys.isEmpty)
    }

    /// An audit failed with `error`.
    func failed(_ error: any Error) {
        state.withLock { $0 = .failed("\(error)") }
    }

    /// `obligation <id> (acknowledge, thcs-binh-son): not escalated, 5m late`.
    static func describe(_ exception: DeadlineAuditException) -> String {
        "obligation \(exception.obligationID.uuidString.lowercased()) (\(exception.kind.rawValue), "
            + "\(exception.school)): \(exception.missing), \(DeadlineDuration.format(exception.lateness)) late"
    }

    /// What identifies an exception from one audit to the next (its lateness grows; this does not).
    private static func key(_ exception: DeadlineAuditException) -> String {
        "\(exception.obligationID)|\(exception.level)|\(exception.dueAt.timeIntervalSince1970)|\(exception.code)"
    }
}
