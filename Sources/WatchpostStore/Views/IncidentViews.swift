import Foundation
import Postgres
import WatchpostCore

/// The API's and the pages' reads of incidents, always within an `IncidentScope`.
public final class IncidentViews: Sendable {
    let pool: PostgresPool

    /// Creates views on `pool`.
    public init(pool: PostgresPool) { self.pool = pool }

    /// The incidents inside `scope` that match `filter`, most recently reported first.
    public func list(_ filter: IncidentFilter, inside scope: IncidentScope) async throws -> [IncidentListItem] {
        guard !scope.isEmpty else { return [] }
        return try await StoreError.wrapping("listing incidents") {
            try await pool.withConnection { connection in
                let rows = try await connection.query(
                    """
                    SELECT i.id, i.unit_id, u.name, i.status, i.category, i.severity, i.platform, i.reported_at,
                           i.opened_at, i.resolved_at, i.escalation_level,
                           (SELECT count(*) FROM obligations o WHERE o.incident_id = i.id AND o.status = 'open'),
                           (SELECT min(o.due_at) FROM obligations o WHERE o.incident_id = i.id AND o.status = 'open')
                    FROM incidents i
                    LEFT JOIN units u ON u.id = i.unit_id
                    WHERE \(incident: "i", inside: scope)
                      AND (\(filter.status?.rawValue)::text IS NULL OR i.status = \(filter.status?.rawValue))
                      AND (\(filter.unit)::text IS NULL OR i.unit_id = \(filter.unit))
                      AND (\(filter.from)::timestamptz IS NULL OR i.reported_at >= \(filter.from))
                      AND (\(filter.to)::timestamptz IS NULL OR i.reported_at < \(filter.to))
                    ORDER BY i.reported_at DESC, i.id
                    LIMIT \(max(0, filter.limit))
                    """
                )
                let table = "incidents"
                return try rows.map { row in
                    IncidentListItem(
                        id: try row.decode(UUID.self, at: 0),
                        unitID: try row.decode(String.self, at: 1),
                        unitName: try row.decode(String?.self, at: 2),
                        status: try row.decode(IncidentStatus.self, at: 3, in: table),
                        category: try row.decode(IncidentCategory.self, at: 4, in: table),
                        severity: try row.decode(Severity.self, at: 5, in: table),
                        platform: try row.decode(Platform.self, at: 6, in: table),
                        reportedAt: try row.decode(Date.self, at: 7),
                        openedAt: try row.decode(Date.self, at: 8),
                        resolvedAt: try row.decode(Date?.self, at: 9),
                        escalationLevel: try row.decode(Int.self, at: 10),
                        openObligations: try row.decode(Int.self, at: 11),
                        nextDueAt: try row.decode(Date?.self, at: 12)
                    )
                }
            }
        }
    }

    /// Where the incident `id` stands for the access rules: its school and whether it is inside
    /// `view` and `act`; `nil` when there is no such incident (an alias answers for its incident).
    public func standing(of id: UUID, view: IncidentScope, act: IncidentScope) async throws -> IncidentStanding? {
        try await StoreError.wrapping("reading incident \(id.canonicalString)") {
            try await pool.withConnection { connection in
                let rows = try await connection.query(
                    """
                    SELECT i.id, i.unit_id, i.status, i.escalation_level, i.subjects,
                           \(incident: "i", inside: view), \(incident: "i", inside: act),
                           \(unescaped: IncidentMerges.columns(of: "i")),
                           (SELECT m.survivor_id FROM incident_merges m WHERE m.duplicate_id = i.id
                            ORDER BY m.merged_at DESC, m.merge_event_id LIMIT 1)
                    FROM incidents i
                    WHERE i.id = coalesce((SELECT incident_id FROM incident_aliases WHERE alias_id = \(id)), \(id))
                    """
                )
                guard let row = rows.first else { return nil }
                let table = "incidents"
                return IncidentStanding(
                    id: try row.decode(UUID.self, at: 0),
                    unitID: try row.decode(String.self, at: 1),
                    status: try row.decode(IncidentStatus.self, at: 2, in: table),
                    escalationLevel: try row.decode(Int.self, at: 3),
                    subjects: try row.decode([SubjectRole].self, at: 4, in: table),
                    visible: try row.decode(Bool.self, at: 5),
                    actionable: try row.decode(Bool.self, at: 6),
                    mergedInto: try row.decode(UUID?.self, at: 7),
                    lastMergedInto: try row.decode(UUID?.self, at: 9)
                )
            }
        }
    }
}

/// An incident as the access rules see it.
public struct IncidentStanding: Sendable, Hashable {
    /// The incident (the real one, when an alias was asked for).
    public var id: UUID
    /// Its school.
    public var unitID: UnitID
    /// Its status.
    public var status: IncidentStatus
    /// The escalation level reached.
    public var escalationLevel: Int
    /// The roles of the people involved.
    public var subjects: [SubjectRole]
    /// Whether the caller may see it.
    public var visible: Bool
    /// Whether the caller may act on it.
    public var actionable: Bool
    /// While it is merged: the incident it is merged into (D60).
    public var mergedInto: UUID? = nil
    /// The incident its latest merge was into, in force or unmerged since.
    public var lastMergedInto: UUID? = nil

    /// Whether a child is among the subjects: every view is then logged (Law 91/2025/QH15).
    public var involvesChild: Bool { subjects.contains(.student) }
}
