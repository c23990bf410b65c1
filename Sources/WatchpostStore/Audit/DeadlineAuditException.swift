import Foundation
import WatchpostCore

/// One deadline that slipped: an obligation's deadline passed and it was neither met, cancelled
/// nor escalated within the grace period, or a reminder that was due was not sent in time.
public struct DeadlineAuditException: Sendable, Hashable {
    /// What is missing.
    public enum Problem: Sendable, Hashable {
        /// The deadline passed; no escalation was recorded and the obligation was not closed
        /// within the grace period (it may have been met later, see `closedAt`).
        case notEscalated
        /// The escalation was recorded, but later than the grace period allows.
        case escalatedLate
        /// The escalation event was refused by the router, so nobody was told.
        case escalationRefused(reason: String)
        /// The reminder due `before` the deadline was never sent.
        case reminderNotSent(before: Duration)
        /// The reminder due `before` the deadline was sent later than the grace period allows.
        case reminderSentLate(before: Duration)
    }

    /// The obligation.
    public var obligationID: UUID
    /// Its incident.
    public var incidentID: UUID
    /// The school the incident is about.
    public var school: UnitID
    /// What is owed.
    public var kind: ObligationKind
    /// Who owes it, by relation to the school.
    public var ownerRelation: Relation
    /// The officer who owes it; `nil` when the directory had nobody in that relation.
    public var ownerOfficerID: OfficerID?
    /// The chain level whose deadline this is (0: the original deadline).
    public var level: Int
    /// The missed deadline, or when the reminder was due.
    public var dueAt: Date
    /// What is missing.
    public var problem: Problem
    /// How late: from `dueAt` to the escalation or reminder, or to the audit (or the
    /// obligation's closing) when there was none.
    public var lateness: Duration
    /// When the obligation was met or cancelled, if it was.
    public var closedAt: Date?

    /// Whether the slip still stands at `now`, so that someone must act: the obligation is still
    /// open and nobody above its owner has been told (not escalated, or the escalation was
    /// refused), or a reminder is missing while its deadline is still ahead. A slip that is over
    /// (a late escalation or reminder, a miss the owner later made good, a reminder whose
    /// deadline has passed) stays in the audit and its metric for the window, as history, but
    /// makes no worker unready.
    public func isOutstanding(at now: Date) -> Bool {
        guard closedAt == nil else { return false }
        switch problem {
        case .notEscalated, .escalationRefused: return true
        case .reminderNotSent(let before): return now < dueAt.addingTimeInterval(DeadlineDuration.seconds(before))
        case .escalatedLate, .reminderSentLate: return false
        }
    }

    /// What is missing, in English: `not escalated`, `reminder 1h before not sent`.
    public var missing: String {
        switch problem {
        case .notEscalated: "not escalated"
        case .escalatedLate: "escalated late"
        case .escalationRefused(let reason): "escalation refused: \(reason)"
        case .reminderNotSent(let before): "reminder \(DeadlineDuration.format(before)) before not sent"
        case .reminderSentLate(let before): "reminder \(DeadlineDuration.format(before)) before sent late"
        }
    }

    /// What is missing, in Vietnamese: `chưa báo cáo cấp trên`, `chưa gửi nhắc hạn 1h trước`.
    public var missingVietnamese: String {
        switch problem {
        case .notEscalated: "chưa báo cáo cấp trên"
        case .escalatedLate: "báo cáo cấp trên muộn"
        case .escalationRefused(let reason): "lệnh báo cáo cấp trên bị từ chối: \(reason)"
        case .reminderNotSent(let before): "chưa gửi nhắc hạn \(DeadlineDuration.format(before)) trước"
        case .reminderSentLate(let before): "gửi nhắc hạn \(DeadlineDuration.format(before)) trước bị muộn"
        }
    }

    /// A short code for machines: `not_escalated`, `escalated_late`, `escalation_refused`,
    /// `reminder_not_sent`, `reminder_sent_late`.
    public var code: String {
        switch problem {
        case .notEscalated: "not_escalated"
        case .escalatedLate: "escalated_late"
        case .escalationRefused: "escalation_refused"
        case .reminderNotSent: "reminder_not_sent"
        case .reminderSentLate: "reminder_sent_late"
        }
    }
}
