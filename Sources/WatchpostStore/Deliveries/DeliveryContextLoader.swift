import Foundation
import Postgres
import WatchpostCore

/// Loads what writing needs for claimed deliveries: their alerts, the incidents as they stand
/// now, every alert of those incidents, and the missed deadlines of escalations; a sign-in
/// delivery carries its sealed message instead. One query per table, whatever the number of
/// deliveries; a report delivery carries its report run.
enum DeliveryContextLoader {
    /// Builds `ClaimedDelivery` values from the claim's rows (id, alert_id, recipient, locale,
    /// channels, channel_index, attempts, channel failures, sealed_message, report_run_id).
    static func load(_ rows: PostgresRows, on connection: PostgresConnection) async throws -> [ClaimedDelivery] {
        struct Claim {
            var id: UUID
            var alertID: UUID?
            var sealed: Data?
            var reportRunID: UUID?
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
                alertID: try row.decode(UUID?.self, at: 1),
                sealed: try row.decode(Data?.self, at: 8),
                reportRunID: try row.decode(UUID?.self, at: 9),
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
        let alerts = try await loadAlerts(ids: claims.compactMap(\.alertID), on: connection)
        let reports = try await ReportRunStore.load(ids: claims.compactMap(\.reportRunID), on: connection)
        return try claims.map { claim in
            let content: ClaimedDelivery.Content
            if let alertID = claim.alertID, let alert = alerts[alertID] {
                content = .alert(alert)
            } else if let runID = claim.reportRunID, let report = reports[runID] {
                content = .report(report)
            } else if claim.alertID == nil, let sealed = claim.sealed {
                content = .sealedSignIn(sealed)
            } else {
                throw StoreError(
                    code: .corruptRow,
                    message:
                        "delivery \(claim.id.uuidString.lowercased()) has no alert, incident, report or sealed message to send"
                )
            }
            return ClaimedDelivery(
                id: claim.id,
                content: content,
                recipient: claim.recipient,
                locale: claim.locale,
                channels: claim.channels,
                channelIndex: claim.channelIndex,
                attempt: claim.attempt,
                channelFailures: claim.channelFailures
            )
        }
    }

    /// The alerts `ids` with their incidents, by alert id; an alert whose incident is missing is
    /// left out.
    private static func loadAlerts(ids: [UUID], on connection: PostgresConnection) async throws -> [UUID: ClaimedAlert]
    {
        guard !ids.isEmpty else { return [:] }
        let alerts = try await connection.query(
            "SELECT \(unescaped: AlertRow.columns) FROM alerts a WHERE a.id = ANY(\(ids))"
        ).map(AlertRow.decode)
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
        var claimed: [UUID: ClaimedAlert] = [:]
        for alert in alerts {
            guard let incident = incidents[alert.incidentID] else { continue }
            claimed[alert.id] = ClaimedAlert(
                alert: alert,
                incident: incident,
                incidentAlerts: incidentAlerts[alert.incidentID] ?? [],
                missedDeadline: alert.eventID.flatMap { missed[$0] }
            )
        }
        return claimed
    }
}
