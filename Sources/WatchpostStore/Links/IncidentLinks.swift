import Foundation
import Postgres
import WatchpostCore

/// One link between two related incidents, as seen from one of them.
public struct IncidentLink: Sendable, Hashable {
    /// The other incident.
    public var incidentID: UUID
    /// Its school.
    public var unitID: UnitID
    /// Its status.
    public var status: IncidentStatus
    /// `same_content` (a worker linked it: the same post) or `manual`.
    public var reason: String
    /// Why, when an officer linked it.
    public var note: String?
    /// Who linked it (an officer id), `nil` for a worker.
    public var createdBy: OfficerID?
    /// When it was linked.
    public var createdAt: Date
}

/// The `incident_links` table: related incidents (one rumour, many schools). Workers link by
/// content identity in the batch that opens an incident; officers link and unlink through the
/// API. An unlinked pair keeps its row, with who unlinked it and when.
public enum IncidentLinks {
    /// Links each incident of `newIncidents` to every open incident at another school whose
    /// dedup key is the same. Runs in the batch's transaction.
    static func linkSameContent(_ newIncidents: [UUID], now: Date, on connection: PostgresConnection) async throws {
        guard !newIncidents.isEmpty else { return }
        try await connection.query(
            """
            INSERT INTO incident_links (incident_a, incident_b, reason, created_at)
            SELECT least(n.id, o.id), greatest(n.id, o.id), 'same_content', \(now)
            FROM incidents n JOIN incidents o
                ON o.dedup_key = n.dedup_key AND o.unit_id <> n.unit_id AND o.id <> n.id
            WHERE n.id = ANY(\(newIncidents)) AND o.status NOT IN ('resolved', 'merged') AND o.purged_at IS NULL
            ON CONFLICT (incident_a, incident_b) DO NOTHING
            """
        )
    }
}

/// Reads and writes links for the API.
public final class IncidentLinkStore: Sendable {
    let pool: PostgresPool

    /// Creates a store on `pool`.
    public init(pool: PostgresPool) { self.pool = pool }

    /// The links of `incident` in force, oldest first.
    public func links(of incident: UUID) async throws -> [IncidentLink] {
        try await StoreError.wrapping("reading an incident's links") {
            try await pool.withConnection { connection in
                try await connection.query(
                    """
                    SELECT i.id, i.unit_id, i.status, l.reason, l.note, l.created_by, l.created_at
                    FROM incident_links l
                    JOIN incidents i ON i.id = CASE WHEN l.incident_a = \(incident) THEN l.incident_b ELSE l.incident_a END
                    WHERE (l.incident_a = \(incident) OR l.incident_b = \(incident)) AND l.removed_at IS NULL
                    ORDER BY l.created_at, i.id
                    """
                ).map { row in
                    IncidentLink(
                        incidentID: try row.decode(UUID.self, at: 0),
                        unitID: try row.decode(String.self, at: 1),
                        status: IncidentStatus(rawValue: try row.decode(String.self, at: 2)) ?? .reported,
                        reason: try row.decode(String.self, at: 3),
                        note: try row.decode(String?.self, at: 4),
                        createdBy: try row.decode(String?.self, at: 5),
                        createdAt: try row.decode(Date.self, at: 6)
                    )
                }
            }
        }
    }

    /// Links `first` and `second` by hand; `false` when they were linked already (and still are).
    /// A pair unlinked before is linked again, by this officer.
    public func link(_ first: UUID, _ second: UUID, by officer: OfficerID, note: String?, now: Date) async throws
        -> Bool
    {
        let (a, b) = first.uuidString < second.uuidString ? (first, second) : (second, first)
        return try await StoreError.wrapping("linking two incidents") {
            try await pool.withConnection { connection in
                try await connection.execute(
                    """
                    INSERT INTO incident_links (incident_a, incident_b, reason, note, created_by, created_at)
                    VALUES (\(a), \(b), 'manual', \(note), \(officer), \(now.roundedToMicroseconds))
                    ON CONFLICT (incident_a, incident_b) DO UPDATE SET
                        reason = 'manual', note = excluded.note, created_by = excluded.created_by,
                        created_at = excluded.created_at, removed_by = NULL, removed_at = NULL
                    WHERE incident_links.removed_at IS NOT NULL
                    """
                ) == 1
            }
        }
    }

    /// Unlinks `first` and `second`; `false` when they were not linked.
    public func unlink(_ first: UUID, _ second: UUID, by officer: OfficerID, now: Date) async throws -> Bool {
        let (a, b) = first.uuidString < second.uuidString ? (first, second) : (second, first)
        return try await StoreError.wrapping("unlinking two incidents") {
            try await pool.withConnection { connection in
                try await connection.execute(
                    """
                    UPDATE incident_links SET removed_by = \(officer), removed_at = \(now.roundedToMicroseconds)
                    WHERE incident_a = \(a) AND incident_b = \(b) AND removed_at IS NULL
                    """
                ) == 1
            }
        }
    }
}
