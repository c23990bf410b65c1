import Foundation
import Postgres

/// The statements of one purge batch. Kept are the ids, types, times, unit, classification,
/// subjects' roles, actions, escalation levels and who sent each event: everything the figures
/// and the audit trail read. Removed are the free text, URLs and the dedup key (it is built from
/// the post's URL), and whatever else a producer put in the raw envelope.
enum PurgeStatements {
    /// When incident `i` was closed: its resolution, or for a duplicate merged into another (D60),
    /// the resolution of that incident; NULL while either is open.
    private static let closedAt = """
        CASE WHEN i.status = 'resolved' THEN i.resolved_at
             WHEN i.status = 'merged' THEN (
                SELECT s.resolved_at FROM incident_merges m JOIN incidents s ON s.id = m.survivor_id
                WHERE m.duplicate_id = i.id AND m.unmerged_at IS NULL AND s.status = 'resolved') END
        """

    /// Incidents `i` due: closed (`closedAt`) before `c.cutoff` if a student is involved (in the
    /// incident's subjects or any report's), else before `c.other_cutoff` (never when that is
    /// NULL), and not purged since they were last closed.
    private static let dueCondition = """
        i.status IN ('resolved', 'merged') AND (i.purged_at IS NULL OR i.purged_at < \(closedAt))
        AND \(closedAt) < CASE
            WHEN 'student' = ANY(i.subjects) OR EXISTS (
                SELECT 1 FROM incident_evidence ev WHERE ev.incident_id = i.id AND 'student' = ANY(ev.subjects))
            THEN c.cutoff ELSE c.other_cutoff END
        """

    /// Locks up to `limit` due incidents, skipping any another transaction holds (a batch
    /// applying an event to one of them: it is purged by a later run).
    static func claim(_ due: PurgeCutoffs, limit: Int, on connection: PostgresConnection) async throws -> [UUID] {
        try await connection.query(
            """
            SELECT i.id FROM incidents i, (SELECT \(due.student)::timestamptz AS cutoff,
                \(due.other)::timestamptz AS other_cutoff) c WHERE \(unescaped: dueCondition)
            ORDER BY i.resolved_at, i.id LIMIT \(limit) FOR UPDATE OF i SKIP LOCKED
            """
        ).map { try $0.decode(UUID.self, at: 0) }
    }

    /// Purges the incidents `ids` (locked by `claim`) and returns what changed.
    static func purge(_ ids: [UUID], now: Date, on connection: PostgresConnection) async throws -> PurgeCounts {
        var counts = PurgeCounts()
        counts.evidence = try await connection.execute(
            """
            UPDATE incident_evidence SET summary = '', urls = '{}'
            WHERE incident_id = ANY(\(ids)) AND (summary <> '' OR cardinality(urls) > 0)
            """
        )
        counts.events = try await connection.execute(
            """
            UPDATE events e SET payload = \(unescaped: keptPayload), purged_at = \(now)
            WHERE e.purged_at IS NULL AND (e.incident_id = ANY(\(ids)) OR e.applied_incident_id = ANY(\(ids))
                OR e.incident_id IN (SELECT alias_id FROM incident_aliases WHERE incident_id = ANY(\(ids))))
            """
        )
        counts.incidents = try await connection.execute(
            """
            UPDATE incidents SET summary = '', urls = '{}', dedup_key = 'purged:' || id::text, purged_at = \(now)
            WHERE id = ANY(\(ids))
            """
        )
        return counts
    }

    /// What a purge at `cutoff` would change, without changing it.
    static func preview(_ due: PurgeCutoffs, on connection: PostgresConnection) async throws -> PurgeCounts {
        let rows = try await connection.query(
            """
            WITH due AS (
                SELECT i.id FROM incidents i, (SELECT \(due.student)::timestamptz AS cutoff,
                    \(due.other)::timestamptz AS other_cutoff) c
                WHERE \(unescaped: dueCondition))
            SELECT
                (SELECT count(*) FROM due),
                (SELECT count(*) FROM incident_evidence ev JOIN due ON ev.incident_id = due.id
                 WHERE ev.summary <> '' OR cardinality(ev.urls) > 0),
                (SELECT count(*) FROM events e WHERE e.purged_at IS NULL AND (
                    e.incident_id IN (SELECT id FROM due) OR e.applied_incident_id IN (SELECT id FROM due)
                    OR e.incident_id IN (SELECT a.alias_id FROM incident_aliases a JOIN due ON a.incident_id = due.id)))
            """
        )
        guard let row = rows.first else { return PurgeCounts() }
        return PurgeCounts(
            incidents: try row.decode(Int.self, at: 0),
            evidence: try row.decode(Int.self, at: 1),
            events: try row.decode(Int.self, at: 2)
        )
    }

    /// The envelope members an event keeps (a whitelist, so unknown members a producer added go
    /// too). `data.reason` is kept only for escalations, where it is a code; a reopen's reason is
    /// free text.
    private static let keptPayload = """
        jsonb_strip_nulls(jsonb_build_object(
            'schema_version', e.payload -> 'schema_version', 'event_id', e.payload -> 'event_id',
            'type', e.payload -> 'type', 'incident_id', e.payload -> 'incident_id',
            'occurred_at', e.payload -> 'occurred_at', 'source', e.payload -> 'source',
            'unit_id', e.payload -> 'unit_id',
            'data', jsonb_build_object(
                'platform', e.payload -> 'data' -> 'platform', 'category', e.payload -> 'data' -> 'category',
                'severity', e.payload -> 'data' -> 'severity', 'subjects', e.payload -> 'data' -> 'subjects',
                'added_subjects', e.payload -> 'data' -> 'added_subjects', 'action', e.payload -> 'data' -> 'action',
                'level', e.payload -> 'data' -> 'level', 'obligation_id', e.payload -> 'data' -> 'obligation_id',
                'reason', CASE WHEN e.type = 'incident.escalated' THEN e.payload -> 'data' -> 'reason' END,
                'into', e.payload -> 'data' -> 'into', 'from', e.payload -> 'data' -> 'from'),
            'purged', true))
        """
}
