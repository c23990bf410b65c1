import Foundation
import WatchpostCore

/// The auditor's judgement of one deadline or reminder, apart from the database.
enum AuditRules {
    /// How a deadline was handled.
    enum Verdict: Sendable, Hashable {
        /// Met or cancelled before the deadline, or within the grace period after it.
        case closedInTime
        /// Escalated within the grace period (or requested and on its way).
        case escalatedInTime
        /// It slipped.
        case slipped(DeadlineAuditException.Problem, lateness: TimeInterval)
    }

    /// The verdict on `row` at `now`. The grace period runs from the deadline, or from when
    /// Watchpost stored the obligation if the deadline had already passed then.
    static func judge(_ row: DeadlineRow, grace: TimeInterval, now: Date) -> Verdict {
        let expectedBy = max(row.dueAt, row.storedAt).addingTimeInterval(grace)
        if let closed = row.closedAt, row.status != .open, closed <= expectedBy { return .closedInTime }
        if let escalated = row.escalatedAt {
            if escalated <= expectedBy { return .escalatedInTime }
            return .slipped(.escalatedLate, lateness: escalated.timeIntervalSince(row.dueAt))
        }
        if let refusal = row.refusal {
            return .slipped(.escalationRefused(reason: refusal), lateness: now.timeIntervalSince(row.dueAt))
        }
        // Requested, and neither refused nor recorded yet: the message is between the outbox and
        // the router. The outbox never loses it (D15), and a refusal would show above.
        if row.requested && row.status == .open { return .escalatedInTime }
        let end = row.status == .open ? now : (row.closedAt ?? now)
        return .slipped(.notEscalated, lateness: end.timeIntervalSince(row.dueAt))
    }

    /// What slipped, and by how many seconds.
    typealias Slip = (problem: DeadlineAuditException.Problem, lateness: TimeInterval)

    /// The problem with `row` at `now`, or `nil` when the reminder was sent in time or was no
    /// longer owed (the obligation was closed before the grace period ended).
    static func judge(_ row: ReminderRow, grace: TimeInterval, now: Date) -> Slip? {
        let expectedBy = row.remindAt.addingTimeInterval(grace)
        let before = Duration.seconds(Int64(row.dueAt.timeIntervalSince(row.remindAt).rounded()))
        if let sent = row.sentAt {
            if sent <= expectedBy { return nil }
            return (.reminderSentLate(before: before), sent.timeIntervalSince(row.remindAt))
        }
        if let closed = row.closedAt, row.status != .open, closed <= expectedBy { return nil }
        let end = row.status == .open ? now : (row.closedAt ?? now)
        return (.reminderNotSent(before: before), end.timeIntervalSince(row.remindAt))
    }
}
