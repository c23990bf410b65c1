import Foundation
import Postgres

/// The statements that purge rejected inputs (`rejected_events`, the dead letters), which may
/// carry a student's details in a body nobody could read. Once the retention period has passed
/// since one was received, its body becomes empty bytes and its key NULL; its topic, offset,
/// stage, reason, problems, ids and times stay, so counts of rejections still add up.
enum RejectedPurgeStatements {
    /// Purges up to `limit` rejected inputs received before `cutoff` and not purged yet,
    /// skipping any another transaction holds (a replay being recorded: a later run purges it),
    /// and returns how many.
    static func purge(cutoff: Date, limit: Int, now: Date, on connection: PostgresConnection) async throws -> Int {
        try await connection.execute(
            """
            UPDATE rejected_events SET raw = ''::bytea, key = NULL, purged_at = \(now)
            WHERE id IN (
                SELECT id FROM rejected_events WHERE purged_at IS NULL AND received_at < \(cutoff)
                ORDER BY id LIMIT \(limit) FOR UPDATE SKIP LOCKED)
            """
        )
    }

    /// How many rejected inputs a purge at `cutoff` would empty, without changing them.
    static func preview(cutoff: Date, on connection: PostgresConnection) async throws -> Int {
        try await connection.query(
            "SELECT count(*) FROM rejected_events WHERE purged_at IS NULL AND received_at < \(cutoff)"
        ).first?.decode(Int.self, at: 0) ?? 0
    }
}
