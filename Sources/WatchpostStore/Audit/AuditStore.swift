import Foundation
import Postgres
import WatchpostCore

/// The deadline auditor's read (D38): did every deadline and reminder that fell due in a window
/// get handled in time? Read only; both queries see one snapshot.
///
/// For each obligation deadline in `[since, now - grace]`: it was met or cancelled before the
/// deadline or within `grace` after it, or its escalation was recorded within `grace` (the
/// event stored, its outbox message, or its alerts). For each reminder due in that window,
/// before the deadline: its alert was written and queued within `grace`, unless the obligation
/// was closed by then. Anything else is a `DeadlineAuditException`.
public final class AuditStore: Sendable {
    /// How long after a deadline its escalation may take. Default: 60 seconds.
    public static let defaultGrace: Duration = .seconds(60)

    private let pool: PostgresPool

    /// Creates the auditor on `pool`.
    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// Audits the deadlines and reminders due in `[since, now - grace]`.
    public func audit(since: Date, now: Date = Date(), grace: Duration = defaultGrace) async throws -> DeadlineAudit {
        let now = now.roundedToMicroseconds
        let seconds = DeadlineDuration.seconds(grace)
        let until = now.addingTimeInterval(-seconds)
        var audit = DeadlineAudit(since: since, now: now, grace: grace)
        let (deadlines, reminders) = try await StoreError.wrapping("auditing deadlines") {
            try await pool.withTransaction(isolationLevel: .repeatableRead) { connection in
                try await connection.query("SET TRANSACTION READ ONLY")
                let deadlines = try await connection.query(AuditQueries.deadlines(since: since, until: until))
                    .map(DeadlineRow.init(row:))
                let reminders = try await connection.query(AuditQueries.reminders(since: since, until: until))
                    .map(ReminderRow.init(row:))
                return (deadlines, reminders)
            }
        }
        for row in deadlines {
            audit.deadlinesChecked += 1
            switch AuditRules.judge(row, grace: seconds, now: now) {
            case .closedInTime: audit.closedInTime += 1
            case .escalatedInTime: audit.escalatedInTime += 1
            case .slipped(let problem, let lateness):
                audit.exceptions.append(
                    Self.exception(
                        row.obligation,
                        level: row.level,
                        dueAt: row.dueAt,
                        closedAt: row.closedAt,
                        problem,
                        lateness
                    )
                )
            }
        }
        for row in reminders {
            audit.remindersChecked += 1
            guard let slipped = AuditRules.judge(row, grace: seconds, now: now) else { continue }
            audit.exceptions.append(
                Self.exception(
                    row.obligation,
                    level: 0,
                    dueAt: row.remindAt,
                    closedAt: row.closedAt,
                    slipped.problem,
                    slipped.lateness
                )
            )
        }
        audit.exceptions.sort { ($0.dueAt, $0.obligationID.uuidString) < ($1.dueAt, $1.obligationID.uuidString) }
        return audit
    }

    private static func exception(
        _ obligation: AuditedObligation,
        level: Int,
        dueAt: Date,
        closedAt: Date?,
        _ problem: DeadlineAuditException.Problem,
        _ lateness: TimeInterval
    ) -> DeadlineAuditException {
        DeadlineAuditException(
            obligationID: obligation.id,
            incidentID: obligation.incidentID,
            school: obligation.school,
            kind: obligation.kind,
            ownerRelation: obligation.ownerRelation,
            ownerOfficerID: obligation.ownerOfficerID,
            level: level,
            dueAt: dueAt,
            problem: problem,
            lateness: .seconds(Int64(max(0, lateness).rounded())),
            closedAt: closedAt
        )
    }
}
