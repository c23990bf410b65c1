import Foundation
import Postgres
import WatchpostCore

/// The `incident_merges` table (D60): one row per merge of a duplicate into a survivor, written
/// with the `incident.merged` event that applied, completed by the `incident.unmerged` one. The
/// merge in force of an incident (the row without `unmerged_at`) is where `IncidentState`'s
/// `mergedInto` and `mergedFrom` come from.
enum IncidentMerges {
    /// Two columns for a `SELECT` over incidents aliased `table`: the survivor the incident is
    /// merged into (uuid or NULL), and the duplicates merged into it (uuid[]), both in force.
    static func columns(of table: String) -> String {
        """
        (SELECT m.survivor_id FROM incident_merges m WHERE m.duplicate_id = \(table).id AND m.unmerged_at IS NULL),
        ARRAY(SELECT m.duplicate_id FROM incident_merges m WHERE m.survivor_id = \(table).id AND m.unmerged_at IS NULL
              ORDER BY m.merged_at, m.duplicate_id)
        """
    }

    /// Records the merges and unmerges among `routed` that applied, in order, inside the batch's
    /// transaction. Call after the batch's aliases are written: an event may name its survivor
    /// by an alias id.
    static func record(_ routed: [EventLog.Routed], now: Date, on connection: PostgresConnection) async throws {
        for entry in routed {
            guard case .applied = entry.outcome else { continue }
            let event = entry.inbound.event
            let duplicate = entry.appliedIncidentID ?? event.incidentID
            switch event.payload {
            case .merged(let merge):
                try await connection.query(
                    """
                    INSERT INTO incident_merges (merge_event_id, duplicate_id, survivor_id, merged_by, note, merged_at)
                    VALUES (\(event.eventID), \(duplicate),
                            coalesce((SELECT incident_id FROM incident_aliases WHERE alias_id = \(merge.into)), \(merge.into)),
                            \(event.source.id), \(merge.note), \(now))
                    ON CONFLICT (merge_event_id) DO NOTHING
                    """
                )
            case .unmerged(let unmerge):
                try await connection.query(
                    """
                    UPDATE incident_merges
                    SET unmerge_event_id = \(event.eventID), unmerged_by = \(event.source.id),
                        unmerge_note = \(unmerge.note), unmerged_at = \(now)
                    WHERE duplicate_id = \(duplicate) AND unmerged_at IS NULL
                    """
                )
            default:
                continue
            }
        }
    }
}

/// One merge of a duplicate into a survivor, with its unmerge once there is one.
public struct IncidentMergeRecord: Sendable, Hashable {
    /// The `incident.merged` event.
    public var mergeEventID: UUID
    /// The duplicate.
    public var duplicateID: UUID
    /// The duplicate's school.
    public var duplicateUnitID: UnitID
    /// The survivor.
    public var survivorID: UUID
    /// The survivor's school.
    public var survivorUnitID: UnitID
    /// Who merged: the event's source id (an officer).
    public var mergedBy: String
    /// Why, when given.
    public var note: String?
    /// When a worker applied the merge.
    public var mergedAt: Date
    /// Who unmerged; `nil` while the merge is in force.
    public var unmergedBy: String?
    /// Why, when given.
    public var unmergeNote: String?
    /// When a worker applied the unmerge; `nil` while the merge is in force.
    public var unmergedAt: Date?

    /// Whether the merge is in force.
    public var inForce: Bool { unmergedAt == nil }
}

/// Reads the merge history for the API and the pages.
public final class IncidentMergeStore: Sendable {
    let pool: PostgresPool

    /// Creates a store on `pool`.
    public init(pool: PostgresPool) { self.pool = pool }

    /// Every merge `incident` took part in, as duplicate or survivor, oldest first.
    public func merges(involving incident: UUID) async throws -> [IncidentMergeRecord] {
        try await StoreError.wrapping("reading an incident's merges") {
            try await pool.withConnection { connection in
                try await connection.query(
                    """
                    SELECT m.merge_event_id, m.duplicate_id, d.unit_id, m.survivor_id, s.unit_id, m.merged_by, m.note,
                           m.merged_at, m.unmerged_by, m.unmerge_note, m.unmerged_at
                    FROM incident_merges m
                    JOIN incidents d ON d.id = m.duplicate_id
                    JOIN incidents s ON s.id = m.survivor_id
                    WHERE m.duplicate_id = \(incident) OR m.survivor_id = \(incident)
                    ORDER BY m.merged_at, m.merge_event_id
                    """
                ).map { row in
                    IncidentMergeRecord(
                        mergeEventID: try row.decode(UUID.self, at: 0),
                        duplicateID: try row.decode(UUID.self, at: 1),
                        duplicateUnitID: try row.decode(String.self, at: 2),
                        survivorID: try row.decode(UUID.self, at: 3),
                        survivorUnitID: try row.decode(String.self, at: 4),
                        mergedBy: try row.decode(String.self, at: 5),
                        note: try row.decode(String?.self, at: 6),
                        mergedAt: try row.decode(Date.self, at: 7),
                        unmergedBy: try row.decode(String?.self, at: 8),
                        unmergeNote: try row.decode(String?.self, at: 9),
                        unmergedAt: try row.decode(Date?.self, at: 10)
                    )
                }
            }
        }
    }
}
