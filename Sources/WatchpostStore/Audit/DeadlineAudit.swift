import Foundation

/// What `AuditStore.audit` found: every obligation deadline and reminder that fell due in
/// `[since, now - grace]`, how many were handled in time, and the exceptions, most overdue
/// deadline first.
public struct DeadlineAudit: Sendable, Hashable {
    /// The start of the window.
    public var since: Date
    /// When the audit read the database.
    public var now: Date
    /// How long after a deadline or reminder its escalation or sending may take.
    public var grace: Duration
    /// Deadlines that fell in the window.
    public var deadlinesChecked = 0
    /// Of those, the ones escalated within the grace period.
    public var escalatedInTime = 0
    /// Of those, the ones met or cancelled before the deadline or within the grace period.
    public var closedInTime = 0
    /// Reminders that fell due in the window while their obligation was open.
    public var remindersChecked = 0
    /// What slipped.
    public var exceptions: [DeadlineAuditException] = []

    /// Creates an empty audit of the window `[since, now - grace]`.
    public init(since: Date, now: Date, grace: Duration) {
        self.since = since
        self.now = now
        self.grace = grace
    }

    /// Whether nothing slipped.
    public var isClean: Bool { exceptions.isEmpty }
}
