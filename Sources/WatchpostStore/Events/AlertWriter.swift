import Foundation
import Postgres
import WatchpostCore

/// Bulk writes of alerts and their deliveries. Ids are deterministic, so writing the same alert
/// twice (a replay, a retried batch, two enforcers) keeps one row.
enum AlertWriter {
    /// Inserts `alerts` and then `deliveries` (pending, due at `now`, or held in a group as
    /// `holds` says), skipping ids already stored; returns how many of each were new.
    static func insert(
        alerts: [Alert],
        deliveries: [Delivery],
        holds: [UUID: DeliveryHolds.Hold] = [:],
        now: Date,
        on connection: PostgresConnection
    ) async throws -> (alerts: Int, deliveries: Int) {
        var insertedAlerts = 0
        var insertedDeliveries = 0
        if !alerts.isEmpty {
            insertedAlerts = try await connection.execute(
                """
                INSERT INTO alerts (id, incident_id, event_id, recipient, relation, template, reason, obligation_id, created_at)
                SELECT * FROM unnest(
                    \(alerts.map(\.id))::uuid[], \(alerts.map(\.incidentID))::uuid[], \(alerts.map(\.eventID))::uuid[],
                    \(alerts.map(\.recipient))::text[], \(alerts.map(\.relation.rawValue))::text[],
                    \(alerts.map(\.template.rawValue))::text[], \(alerts.map(\.reason))::text[],
                    \(alerts.map(\.obligationID))::uuid[], \(alerts.map(\.createdAt))::timestamptz[]
                )
                ON CONFLICT (id) DO NOTHING
                """
            )
        }
        if !deliveries.isEmpty {
            let channels = try SnapshotJSON.encodeEach(deliveries.map(\.channels))
            insertedDeliveries = try await connection.execute(
                """
                INSERT INTO deliveries (id, alert_id, recipient, locale, channels, next_attempt_at, created_at, group_key)
                SELECT id, alert_id, recipient, locale, channels::jsonb, coalesce(held_until, \(now)), \(now), group_key
                FROM unnest(
                    \(deliveries.map(\.id))::uuid[], \(deliveries.map(\.alertID))::uuid[],
                    \(deliveries.map(\.recipient))::text[], \(deliveries.map(\.locale.rawValue))::text[],
                    \(channels)::text[], \(deliveries.map { holds[$0.id]?.until })::timestamptz[],
                    \(deliveries.map { holds[$0.id]?.group })::text[]
                ) AS t(id, alert_id, recipient, locale, channels, held_until, group_key)
                ON CONFLICT DO NOTHING
                """
            )
        }
        return (insertedAlerts, insertedDeliveries)
    }
}
