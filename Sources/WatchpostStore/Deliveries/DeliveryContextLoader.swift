import Foundation
import Postgres
import WatchpostCore

/// Loads what rendering needs for claimed deliveries: their alerts, the incidents as they
/// stand now, every alert of those incidents, and the missed deadlines of escalations. One
/// query per table, whatever the number of deliveries.
enum DeliveryContextLoader {
    /// Builds `ClaimedDelivery` values from the claim's rows (id, alert_id, recipient, locale,
    /// channels, channel_index, attempts, channel failures).
    static func load(_ rows: PostgresRows, on connection: PostgresConnection) async throws -> [ClaimedDelivery] {
        struct Claim {
            var id: UUID
            var alertID: UUID
            var recipient: String
            var locale: DisplayLocale
            var channels: [Channel]
            var channelIndex: Int
            var attempt: Int
            var channelFailures: Int
        }
        let claims = try rows.map { row in
            let id = try row.decode(UUID.self, at: 0)
            return Claim(
                id: id,
                alertID: try row.decode(UUID.self, at: 1),
                recipient: try row.decode(String.self, at: 2),
                locale: try row.decode(DisplayLocale.self, at: 3, in: "deliveries"),
                channels: try SnapshotJSON.decode(
                    [Channel].self,
                    try row.decode(String.self, at: 4),
                    row: "deliveries \(id.uuidString.lowercased())"
                ),
                channelIndex: try row.decode(Int.self, at: 5),
                attempt: try row.decode(Int.self, at: 6),
                channelFailures: try row.decode(Int.self, at: 7)
            )
        }
        let alerts = try await connection.query(
            "SELECT \(unescaped: AlertRow.columns) FROM alerts a WHERE a.id = ANY(\(claims.map(\.alertID)))"
        ).map(AlertRow.decode)
        let alertsByID = Dictionary(alerts.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let incidentIDs = Array(Set(alerts.map(\.incidentID)))
        let incidents = try await IncidentLoader.load(ids: incidentIDs, lock: false, on: connection)
        let incidentAlerts = Dictionary(
            grouping: try await connection.query(
                """
                SELECT \(unescaped: AlertRow.columns) FROM alerts a
                WHERE a.incident_id = ANY(\(incidentIDs)) ORDER BY a.created_at, a.id
                """
            ).map(AlertRow.decode),
            by: \.incidentID
        )
        let eventIDs = alerts.compactMap(\.eventID)
        var missed: [UUID: Date] = [:]
        for row in try await connection.query(
            "SELECT event_id, occurred_at FROM events WHERE event_id = ANY(\(eventIDs)) AND type = 'incident.escalated'"
        ) {
            missed[try row.decode(UUID.self, at: 0)] = try row.decode(Date.self, at: 1)
        }
        return try claims.map { claim in
            guard let alert = alertsByID[claim.alertID], let incident = incidents[alert.incidentID] else {
                throw StoreError(
                    code: .corruptRow,
                    message: "delivery \(claim.id.uuidString.lowercased()) has no alert or incident to render"
                )
            }
            return ClaimedDelivery(
                id: claim.id,
                alert: alert,
                recipient: claim.recipient,
                locale: claim.locale,
                channels: claim.channels,
                channelIndex: claim.channelIndex,
                attempt: claim.attempt,
                channelFailures: claim.channelFailures,
                incident: incident,
                incidentAlerts: incidentAlerts[alert.incidentID] ?? [],
                missedDeadline: alert.eventID.flatMap { missed[$0] }
            )
        }
    }
}
