import Foundation
import Postgres

/// How far behind deadline enforcement is: the age of the oldest obligation that is open, past
/// its deadline, and whose next escalation has not been requested yet — exactly the work
/// `DeadlineStore.escalateDue` claims. A working enforcer keeps it near zero; any lasting
/// value means a deadline is slipping silently.
public enum OverdueObligations {
    /// Seconds since the deadline of the oldest overdue, unescalated obligation at `now`; 0 when
    /// there is none.
    public static func oldestUnescalatedAge(now: Date, on connection: PostgresConnection) async throws -> Double {
        let now = now.roundedToMicroseconds
        let rows = try await connection.query(
            """
            SELECT coalesce(extract(epoch FROM \(now) - min(due_at)), 0)::float8
            FROM obligations
            WHERE status = 'open' AND due_at <= \(now) AND escalation_requested_level <= level
            """
        )
        return try rows.first?.decode(Double.self, at: 0) ?? 0
    }

    /// `oldestUnescalatedAge(now:on:)` on a connection from `pool`.
    public static func oldestUnescalatedAge(now: Date, pool: PostgresPool) async throws -> Double {
        try await StoreError.wrapping("reading the oldest overdue obligation") {
            try await pool.withConnection { try await oldestUnescalatedAge(now: now, on: $0) }
        }
    }
}
