import Foundation
import Postgres
import WatchpostCore

/// Bulk writes to the audit trail: `events` and `rejected_events`.
enum EventLog {
    /// How an event of the batch stands after the insert.
    enum Arrival {
        /// Never seen before: route it.
        case new
        /// Stored before with outcome `rejected` and now re-published (another offset): route it again.
        case rerouted
    }

    /// Inserts `events` (unique ids, in batch order) `ON CONFLICT DO NOTHING` and returns the
    /// ones to route. A previously rejected event arriving at a different offset (a dead-letter
    /// replay) is claimed again; a redelivery of the same offset is always a duplicate.
    static func insert(_ events: [InboundEvent], now: Date, on connection: PostgresConnection) async throws
        -> [UUID: Arrival]
    {
        guard !events.isEmpty else { return [:] }
        let items = events.map(\.event)
        let rows = try await connection.query(
            """
            INSERT INTO events (event_id, incident_id, type, occurred_at, unit_id, source_kind, source_id, payload,
                                topic, "partition", "offset", received_at)
            SELECT event_id, incident_id, type, occurred_at, unit_id, source_kind, source_id, payload::jsonb,
                   topic, "partition", "offset", \(now)
            FROM unnest(
                \(items.map(\.eventID))::uuid[], \(items.map(\.incidentID))::uuid[], \(items.map(\.type.rawValue))::text[],
                \(items.map(\.occurredAt))::timestamptz[], \(items.map(\.unitID))::text[],
                \(items.map(\.source.kind.rawValue))::text[], \(items.map(\.source.id))::text[],
                \(events.map(PayloadText.of))::text[], \(events.map(\.topic))::text[],
                \(events.map(\.partition))::integer[], \(events.map(\.offset))::bigint[]
            ) AS t(event_id, incident_id, type, occurred_at, unit_id, source_kind, source_id, payload, topic,
                   "partition", "offset")
            ON CONFLICT (event_id) DO UPDATE SET
                topic = excluded.topic, "partition" = excluded."partition", "offset" = excluded."offset",
                received_at = excluded.received_at, outcome = NULL, outcome_code = NULL, outcome_reason = NULL,
                applied_incident_id = NULL
            WHERE events.outcome = 'rejected'
              AND (events.topic, events."partition", events."offset")
                  IS DISTINCT FROM (excluded.topic, excluded."partition", excluded."offset")
            RETURNING event_id, (xmax = 0) AS inserted
            """
        )
        var result: [UUID: Arrival] = [:]
        for row in rows {
            result[try row.decode(UUID.self, at: 0)] = try row.decode(Bool.self, at: 1) ? .new : .rerouted
        }
        return result
    }

    /// One routed event's outcome.
    struct Outcome {
        var eventID: UUID
        var decision: RoutingOutcome
        var appliedIncidentID: UUID?
    }

    /// Records the router's outcome of each routed event in one statement.
    static func record(_ outcomes: [Outcome], on connection: PostgresConnection) async throws {
        guard !outcomes.isEmpty else { return }
        let names = outcomes.map { outcome -> String in
            switch outcome.decision {
            case .applied: "applied"
            case .ignored: "ignored"
            case .rejected: "rejected"
            }
        }
        try await connection.query(
            """
            UPDATE events AS e
            SET outcome = u.outcome, outcome_code = u.code, outcome_reason = u.reason, applied_incident_id = u.applied
            FROM unnest(
                \(outcomes.map(\.eventID))::uuid[], \(names)::text[],
                \(outcomes.map { $0.decision.note?.code.rawValue })::text[],
                \(outcomes.map { $0.decision.note?.message })::text[], \(outcomes.map(\.appliedIncidentID))::uuid[]
            ) AS u(event_id, outcome, code, reason, applied)
            WHERE e.event_id = u.event_id
            """
        )
    }

    /// One row of `rejected_events`.
    struct Rejection {
        var topic: String
        var partition: Int32
        var offset: Int64
        var key: [UInt8]?
        var raw: [UInt8]
        var stage: String
        var reason: String
        var problems: [StoredProblem]
        var eventID: UUID?
        var incidentID: UUID?
    }

    /// Records rejections, once per (topic, partition, offset); returns how many were new.
    static func insert(_ rejections: [Rejection], now: Date, on connection: PostgresConnection) async throws -> Int {
        guard !rejections.isEmpty else { return 0 }
        let problems = try rejections.map { try SnapshotJSON.encode($0.problems) }
        return try await connection.execute(
            """
            INSERT INTO rejected_events (topic, "partition", "offset", key, raw, stage, reason, problems, event_id,
                                         incident_id, received_at)
            SELECT topic, "partition", "offset", key::bytea, raw::bytea, stage, reason, problems::jsonb, event_id,
                   incident_id, \(now)
            FROM unnest(
                \(rejections.map(\.topic))::text[], \(rejections.map(\.partition))::integer[],
                \(rejections.map(\.offset))::bigint[], \(rejections.map { $0.key.map { Data($0).postgresText() } })::text[],
                \(rejections.map { Data($0.raw).postgresText() })::text[], \(rejections.map(\.stage))::text[],
                \(rejections.map(\.reason))::text[], \(problems)::text[], \(rejections.map(\.eventID))::uuid[],
                \(rejections.map(\.incidentID))::uuid[]
            ) AS t(topic, "partition", "offset", key, raw, stage, reason, problems, event_id, incident_id)
            ON CONFLICT (topic, "partition", "offset") DO NOTHING
            """
        )
    }
}

/// One problem of a rejected input, as stored in `rejected_events.problems`.
public struct StoredProblem: Sendable, Hashable, Codable {
    /// Where in the input, e.g. `data.urls[0]`; empty for the input as a whole.
    public var path: String
    /// The stable code, e.g. `unknown_field` or a routing code such as `unknown_incident`.
    public var code: String
    /// What is wrong, in plain English.
    public var reason: String

    /// Creates a problem.
    public init(path: String, code: String, reason: String) {
        self.path = path
        self.code = code
        self.reason = reason
    }

    /// The decoder's problem.
    public init(_ problem: EventProblem) {
        self.init(path: problem.path, code: problem.code.rawValue, reason: problem.reason)
    }
}
