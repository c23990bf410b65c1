import Foundation
import Postgres
import WatchpostCore

/// Read-only queries for the CLI, the dev scenario and tests.
public final class StoreQueries: Sendable {
    private let pool: PostgresPool

    /// Creates queries on `pool`.
    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// Row counts of the main tables, read in one statement.
    public func counts() async throws -> StoreCounts {
        try await StoreError.wrapping("counting rows") {
            try await pool.withConnection { connection in
                let rows = try await connection.query(
                    """
                    SELECT (SELECT count(*) FROM events),
                           (SELECT count(*) FROM incidents),
                           (SELECT count(*) FROM incidents WHERE status NOT IN ('resolved', 'merged')),
                           (SELECT count(*) FROM incident_evidence),
                           (SELECT count(*) FROM obligations),
                           (SELECT count(*) FROM obligations WHERE status = 'open'),
                           (SELECT count(*) FROM alerts),
                           (SELECT count(*) FROM deliveries),
                           (SELECT count(*) FROM deliveries WHERE status = 'pending'),
                           (SELECT count(*) FROM rejected_events)
                    """
                )
                guard let row = rows.first else {
                    throw StoreError(code: .corruptRow, message: "the count query returned no row")
                }
                let values = try (0..<10).map { try row.decode(Int.self, at: $0) }
                return StoreCounts(
                    events: values[0],
                    incidents: values[1],
                    openIncidents: values[2],
                    evidence: values[3],
                    obligations: values[4],
                    openObligations: values[5],
                    alerts: values[6],
                    deliveries: values[7],
                    pendingDeliveries: values[8],
                    rejected: values[9]
                )
            }
        }
    }

    /// The incident's state, its alerts with their deliveries and its place in the tree when
    /// it opened; `nil` when there is no such incident.
    public func incidentSummary(_ id: UUID) async throws -> IncidentSummary? {
        try await StoreError.wrapping("reading incident \(id.uuidString.lowercased())") {
            try await pool.withConnection { connection in
                guard let state = try await IncidentLoader.load(ids: [id], lock: false, on: connection)[id] else {
                    return nil
                }
                let place = try await connection.query(
                    """
                    SELECT authority_id, commune_id,
                           (SELECT count(*) FROM events WHERE incident_id = \(id) OR applied_incident_id = \(id)),
                           purged_at
                    FROM incidents WHERE id = \(id)
                    """
                )
                let alertRows = try await connection.query(
                    """
                    SELECT a.id, a.incident_id, a.event_id, a.recipient, a.relation, a.template, a.reason,
                           a.obligation_id, a.created_at, d.status, coalesce(d.attempts, 0), d.delivered_at
                    FROM alerts a LEFT JOIN deliveries d ON d.alert_id = a.id
                    WHERE a.incident_id = \(id)
                    ORDER BY a.created_at, a.id
                    """
                )
                let alerts = try alertRows.map { row in
                    AlertRecord(
                        alert: Alert(
                            id: try row.decode(UUID.self, at: 0),
                            incidentID: try row.decode(UUID.self, at: 1),
                            eventID: try row.decode(UUID?.self, at: 2),
                            recipient: try row.decode(String.self, at: 3),
                            relation: try row.decode(Relation.self, at: 4, in: "alerts"),
                            template: try row.decode(AlertTemplate.self, at: 5, in: "alerts"),
                            reason: try row.decode(String.self, at: 6),
                            obligationID: try row.decode(UUID?.self, at: 7),
                            createdAt: try row.decode(Date.self, at: 8)
                        ),
                        deliveryStatus: try row.decode(String?.self, at: 9),
                        attempts: try row.decode(Int.self, at: 10),
                        deliveredAt: try row.decode(Date?.self, at: 11)
                    )
                }
                return IncidentSummary(
                    state: state,
                    authorityID: try place.first?.decode(String?.self, at: 0) ?? nil,
                    communeID: try place.first?.decode(String?.self, at: 1) ?? nil,
                    alerts: alerts,
                    eventCount: try place.first?.decode(Int.self, at: 2) ?? 0,
                    purgedAt: try place.first?.decode(Date?.self, at: 3) ?? nil
                )
            }
        }
    }
}
