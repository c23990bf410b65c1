import Foundation
import Postgres

/// The row count of every table, and a digest of the rows that must come out the same however
/// many workers shared the work (ids derived from the input, outcomes, states; no times).
struct StoreSnapshot: Sendable {
    var counts: [String: Int64] = [:]
    var fingerprints: [String: String] = [:]
    var distinctEvents: Int64 = 0
    var distinctObligations: Int64 = 0
    var routingRejected: Int64 = 0
    /// Deliveries of alerts (the others carry sign-in messages or scheduled reports).
    var alertDeliveries: Int64 = 0

    /// Row text per table for the digests.
    static let rows: [String: String] = [
        "events": "concat_ws('|', event_id, type, outcome, outcome_code, applied_incident_id)",
        "incidents":
            "concat_ws('|', id, unit_id, status, severity, escalation_level, reopen_count, array_to_string(urls, ' '), array_to_string(acknowledged_by, ' '))",
        "incident_evidence": "concat_ws('|', incident_id, event_id, position)",
        "obligations":
            "concat_ws('|', id, incident_id, ordinal, kind, owner_relation, owner_officer_id, status, level, met_by)",
        "alerts": "concat_ws('|', id, incident_id, event_id, recipient, relation, template, reason, obligation_id)",
        "deliveries": "concat_ws('|', id, alert_id, recipient, status)",
        "rejected_events": "concat_ws('|', event_id, stage, reason)",
    ]

    static func take(_ database: PipelineDatabase) async throws -> StoreSnapshot {
        var snapshot = StoreSnapshot()
        let tables = try await database.rows("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
            .map { try $0.decode(String.self, at: 0) }
        for table in tables {
            snapshot.counts[table] = try await database.count("SELECT count(*) FROM \(table)")
        }
        for (table, row) in rows {
            snapshot.fingerprints[table] = try await database.scalar(
                PostgresQuery(
                    unsafeSQL:
                        "SELECT coalesce(md5(string_agg(r, ',' ORDER BY r)), '') FROM (SELECT \(row) AS r FROM \(table)) t"
                ),
                as: String.self
            )
        }
        snapshot.distinctEvents = try await database.count("SELECT count(DISTINCT event_id) FROM events")
        snapshot.distinctObligations = try await database.count(
            "SELECT count(*) FROM (SELECT DISTINCT incident_id, kind, opened_by_event_id, owner_relation FROM obligations) o"
        )
        snapshot.alertDeliveries = try await database.count(
            "SELECT count(*) FROM deliveries WHERE alert_id IS NOT NULL"
        )
        snapshot.routingRejected = try await database.count(
            "SELECT count(*) FROM rejected_events WHERE stage = 'routing'"
        )
        return snapshot
    }
}
