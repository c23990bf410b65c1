import Foundation
import Postgres
import WatchpostCore

/// Everything that happened to one incident: its state with obligations and evidence, every
/// event stored for it, and every alert with its delivery.
public struct IncidentTimeline: Sendable, Hashable {
    /// The incident's state, its alerts with their deliveries and its place in the tree.
    public var summary: IncidentSummary
    /// The school's name, when the unit is in the database.
    public var unitName: String?
    /// Every event that names the incident or was applied to it (a merge into it, and its
    /// unmerge, included), in the order they happened;
    /// the events the router refused only when asked for (`includingRejected`).
    public var events: [TimelineEvent]
}

/// One stored event of a timeline.
public struct TimelineEvent: Sendable, Hashable {
    /// The event.
    public var eventID: UUID
    /// Its type.
    public var type: EventType
    /// When it happened.
    public var occurredAt: Date
    /// When a worker stored it.
    public var receivedAt: Date
    /// Who sent it.
    public var source: EventSource
    /// `applied`, `ignored` or `rejected`, with a code and reason when not applied.
    public var outcome: String?
    /// Why it was not applied.
    public var outcomeCode: String?
    /// The envelope as received (JSON); the caller decides which of its fields to show.
    public var envelope: String
}

extension IncidentViews {
    /// The timeline of incident `id`; `nil` when there is no such incident. The caller has
    /// checked that it may be seen.
    ///
    /// An event the router refused (outcome `rejected`: no permission, an unknown incident, ...)
    /// merely names the incident, and anyone who can write to the broker can
    /// name one; it is listed only with `includingRejected`, for operators (issue 26).
    /// Default: left out.
    public func timeline(of id: UUID, includingRejected: Bool = false) async throws -> IncidentTimeline? {
        guard let summary = try await StoreQueries(pool: pool).incidentSummary(id) else { return nil }
        return try await StoreError.wrapping("reading the timeline of \(id.canonicalString)") {
            try await pool.withConnection { connection in
                let rows = try await connection.query(
                    """
                    SELECT e.event_id, e.type, e.occurred_at, e.received_at, e.source_kind, e.source_id, e.outcome,
                           e.outcome_code, e.payload::text
                    FROM events e
                    WHERE (e.incident_id = \(id) OR e.applied_incident_id = \(id)
                           OR e.event_id IN (SELECT merge_event_id FROM incident_merges WHERE survivor_id = \(id)
                                             UNION ALL
                                             SELECT unmerge_event_id FROM incident_merges WHERE survivor_id = \(id)))
                      AND (e.outcome IS DISTINCT FROM 'rejected' OR \(includingRejected))
                    ORDER BY e.occurred_at, e.received_at, e.event_id
                    """
                )
                let table = "events"
                let events = try rows.map { row in
                    TimelineEvent(
                        eventID: try row.decode(UUID.self, at: 0),
                        type: try row.decode(EventType.self, at: 1, in: table),
                        occurredAt: try row.decode(Date.self, at: 2),
                        receivedAt: try row.decode(Date.self, at: 3),
                        source: EventSource(
                            kind: try row.decode(SourceKind.self, at: 4, in: table),
                            id: try row.decode(String.self, at: 5)
                        ),
                        outcome: try row.decode(String?.self, at: 6),
                        outcomeCode: try row.decode(String?.self, at: 7),
                        envelope: try row.decode(String.self, at: 8)
                    )
                }
                let name = try await connection.query("SELECT name FROM units WHERE id = \(summary.state.unitID)")
                return IncidentTimeline(
                    summary: summary,
                    unitName: try name.first?.decode(String.self, at: 0),
                    events: events
                )
            }
        }
    }
}
