import Foundation
import Postgres
import WatchpostCore

/// Bulk writes to the audit trail: `events` and `rejected_events`.
enum EventLog {
    /// How an event of the batch stands before routing.
    enum Arrival: Equatable {
        /// Never seen before: route it.
        case new
        /// Stored before with outcome `rejected` and now published again (another offset) by
        /// `watchpost dlq replay`, marked as the replay of its latest refusal: route it again.
        case rerouted
        /// Stored before with outcome `rejected` and now published again without the replay mark
        /// of its latest refusal (`latest`): a replay by someone else, or of a replay already
        /// routed. Not routed again.
        case replayRefused(latest: Int64?)
        /// Stored before with another body: record it as a conflict, keep the stored event.
        case conflict(StoredAt)
    }

    /// Where an event was stored from.
    struct StoredAt: Equatable, CustomStringConvertible {
        var topic: String
        var partition: Int32
        var offset: Int64

        var description: String { "\(topic)[\(partition)]@\(offset)" }
    }

    /// An event as stored: where it came from, whether it was rejected, its envelope hash (nil
    /// for events stored before the hash was kept) and, if rejected, its latest `rejected_events`
    /// row of stage `routing`, the one a replay must name.
    struct StoredEvent {
        var at: StoredAt
        var rejected: Bool
        var digest: [UInt8]?
        var latestRefusal: Int64? = nil
    }

    /// The stored events among `ids`. Call with their incidents locked.
    static func stored(_ ids: [UUID], on connection: PostgresConnection) async throws -> [UUID: StoredEvent] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await connection.query(
            """
            SELECT e.event_id, e.outcome = 'rejected', e.topic, e."partition", e."offset", e.envelope_sha256,
                   CASE WHEN e.outcome = 'rejected' THEN (
                       SELECT max(r.id) FROM rejected_events r WHERE r.event_id = e.event_id AND r.stage = 'routing'
                   ) END
            FROM events e WHERE e.event_id = ANY(\(ids))
            """
        )
        var stored: [UUID: StoredEvent] = [:]
        for row in rows {
            stored[try row.decode(UUID.self, at: 0)] = StoredEvent(
                at: StoredAt(
                    topic: try row.decode(String.self, at: 2),
                    partition: try row.decode(Int32.self, at: 3),
                    offset: try row.decode(Int64.self, at: 4)
                ),
                rejected: try row.decode(Bool?.self, at: 1) ?? false,
                digest: try row.decode(Data?.self, at: 5).map { [UInt8]($0) },
                latestRefusal: try row.decode(Int64?.self, at: 6)
            )
        }
        return stored
    }

    /// What to do with `inbound` given the event stored under its id: route it if none is stored,
    /// or if the stored one was rejected and this is the same body at another offset marked as
    /// the replay of its latest refusal (`ReplayMark`); refuse it as a replay if it is such a
    /// copy without that mark; report a conflict if the stored body differs; nil (a duplicate)
    /// for the same message again or the same body again.
    static func arrival(of inbound: InboundEvent, stored: StoredEvent?) -> Arrival? {
        guard let stored else { return .new }
        let at = StoredAt(topic: inbound.topic, partition: inbound.partition, offset: inbound.offset)
        if stored.at == at { return nil }
        if let digest = stored.digest, digest != inbound.event.canonicalDigest { return .conflict(stored.at) }
        guard stored.rejected else { return nil }
        guard let mark = inbound.replayOf, mark == stored.latestRefusal else {
            return .replayRefused(latest: stored.latestRefusal)
        }
        return .rerouted
    }

    /// One routed event and what the router made of it.
    struct Routed {
        var inbound: InboundEvent
        var outcome: RoutingOutcome
        var appliedIncidentID: UUID?
    }

    /// Stores routed events with their outcome in one statement: new ones are inserted, rerouted
    /// ones (stored as `rejected`) take the new message's place and outcome. Throws a retriable
    /// error if any row was not written, which the incident locks should make impossible.
    static func insert(_ routed: [Routed], now: Date, on connection: PostgresConnection) async throws {
        guard !routed.isEmpty else { return }
        let items = routed.map(\.inbound.event)
        let outcomes = routed.map { entry -> String in
            switch entry.outcome {
            case .applied: "applied"
            case .ignored: "ignored"
            case .rejected: "rejected"
            }
        }
        let written = try await connection.execute(
            """
            INSERT INTO events (event_id, incident_id, applied_incident_id, type, occurred_at, unit_id, source_kind,
                                source_id, payload, topic, "partition", "offset", received_at, outcome, outcome_code,
                                outcome_reason, envelope_sha256)
            SELECT event_id, incident_id, applied_incident_id, type, occurred_at, unit_id, source_kind, source_id,
                   payload::jsonb, topic, "partition", "offset", \(now), outcome, outcome_code, outcome_reason,
                   envelope_sha256::bytea
            FROM unnest(
                \(items.map(\.eventID))::uuid[], \(items.map(\.incidentID))::uuid[],
                \(routed.map(\.appliedIncidentID))::uuid[], \(items.map(\.type.rawValue))::text[],
                \(items.map(\.occurredAt))::timestamptz[], \(items.map(\.unitID))::text[],
                \(items.map(\.source.kind.rawValue))::text[], \(items.map(\.source.id))::text[],
                \(routed.map { PayloadText.of($0.inbound) })::text[], \(routed.map(\.inbound.topic))::text[],
                \(routed.map(\.inbound.partition))::integer[], \(routed.map(\.inbound.offset))::bigint[],
                \(outcomes)::text[], \(routed.map { $0.outcome.note?.code.rawValue })::text[],
                \(routed.map { $0.outcome.note?.message })::text[],
                \(items.map { PostgresByteaHex.text($0.canonicalDigest) })::text[]
            ) AS t(event_id, incident_id, applied_incident_id, type, occurred_at, unit_id, source_kind, source_id,
                   payload, topic, "partition", "offset", outcome, outcome_code, outcome_reason, envelope_sha256)
            ON CONFLICT (event_id) DO UPDATE SET
                applied_incident_id = excluded.applied_incident_id, topic = excluded.topic,
                "partition" = excluded."partition", "offset" = excluded."offset", received_at = excluded.received_at,
                outcome = excluded.outcome, outcome_code = excluded.outcome_code,
                outcome_reason = excluded.outcome_reason, envelope_sha256 = excluded.envelope_sha256
            WHERE events.outcome = 'rejected'
            """
        )
        guard written == routed.count else {
            throw StoreError(
                code: .database,
                message: "\(routed.count - written) routed event(s) were stored by another transaction meanwhile; "
                    + "retry the batch",
                isRetriable: true
            )
        }
    }

    /// Records refused inputs as `rejected_events` rows, whatever their stage, once per (topic,
    /// partition, offset), and queues a dead letter in the outbox for each new one (same
    /// transaction, so neither exists without the other). Returns how many were new.
    static func insert(_ rejections: [RejectedInput], now: Date, on connection: PostgresConnection) async throws
        -> Int
    {
        guard !rejections.isEmpty else { return 0 }
        let problems = try SnapshotJSON.encodeEach(rejections.map(\.problems))
        let rows = try await connection.query(
            """
            WITH recorded AS (
                INSERT INTO rejected_events (topic, "partition", "offset", key, raw, stage, reason, problems, event_id,
                                             incident_id, key_id, received_at)
                SELECT topic, "partition", "offset", key::bytea, raw::bytea, stage, reason, problems::jsonb, event_id,
                       incident_id, key_id, \(now)
                FROM unnest(
                    \(rejections.map(\.topic))::text[], \(rejections.map(\.partition))::integer[],
                    \(rejections.map(\.offset))::bigint[],
                    \(rejections.map { $0.key.map(PostgresByteaHex.text) })::text[],
                    \(rejections.map { PostgresByteaHex.text($0.raw) })::text[],
                    \(rejections.map(\.stage.rawValue))::text[], \(rejections.map(\.reason))::text[],
                    \(problems)::text[], \(rejections.map(\.eventID))::uuid[],
                    \(rejections.map(\.incidentID))::uuid[], \(rejections.map(\.keyID))::text[]
                ) AS t(topic, "partition", "offset", key, raw, stage, reason, problems, event_id, incident_id, key_id)
                ON CONFLICT (topic, "partition", "offset") DO NOTHING
                RETURNING id
            ), queued AS (
                INSERT INTO outbox (rejected_event_id, created_at) SELECT id, \(now) FROM recorded ORDER BY id
                RETURNING id
            )
            SELECT count(*) FROM queued
            """
        )
        let recorded = try rows.first?.decode(Int.self, at: 0) ?? 0
        if recorded > 0 { try await connection.notify(StoreChannel.outbox) }
        return recorded
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

extension StoredProblem: CustomStringConvertible {
    /// `path: reason [code]`, or `input: reason [code]` for the input as a whole.
    public var description: String {
        "\(path.isEmpty ? "input" : path): \(reason) [\(code)]"
    }
}
