import Foundation
import Logging
import Postgres
import WatchpostCore

/// The messages Watchpost owes Kafka (table `outbox`, decision D15): queued in the transaction
/// that decides them, published by the relay every worker runs.
public final class OutboxStore: Sendable {
    private let pool: PostgresPool

    /// Creates the store on `pool`.
    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// How long a message the broker refused for good waits before it is tried again: an operator
    /// may have fixed the topic or its ACLs meanwhile. One hour.
    static let refusedRetryInterval: TimeInterval = 3600

    /// Claims up to `limit` pending messages, oldest first, skipping those another relay holds
    /// (and refused ones again once ``refusedRetryInterval`` has passed);
    /// calls `send` with them while the rows stay locked, then deletes each one `send` reports
    /// sent and marks each one it reports refused for good, and commits. A crash or error in
    /// between leaves every row to be sent again (consumers tolerate repeats: escalations have
    /// deterministic event ids, dead letters carry their source offset). Returns the claimed count.
    public func relay(
        limit: Int,
        now: @Sendable () -> Date = Date.init,
        send: @Sendable ([OutboxEntry]) async throws -> [Int64: OutboxOutcome]
    ) async throws -> Int {
        try await StoreError.wrapping("relaying the outbox") {
            try await pool.withTransaction { connection in
                let rows = try await connection.query(
                    """
                    SELECT o.id, o.topic, o.key, o.value, \(unescaped: StoredRejection.columns(of: "r"))
                    FROM outbox AS o LEFT JOIN rejected_events AS r ON r.id = o.rejected_event_id
                    WHERE o.failed_at IS NULL OR o.failed_at < \(now().addingTimeInterval(-Self.refusedRetryInterval))
                    ORDER BY o.id LIMIT \(max(1, limit)) FOR UPDATE OF o SKIP LOCKED
                    """
                )
                let entries = try rows.map(OutboxEntry.init(row:))
                guard !entries.isEmpty else { return 0 }
                let outcomes = try await send(entries)
                var sent: [Int64] = []
                var failed: [(id: Int64, error: String)] = []
                for (id, outcome) in outcomes {
                    switch outcome {
                    case .sent: sent.append(id)
                    case .refused(let error): failed.append((id, error))
                    }
                }
                try await connection.query("DELETE FROM outbox WHERE id = ANY(\(sent))")
                try await connection.query(
                    """
                    UPDATE outbox AS o SET failed_at = \(now()), error = f.error
                    FROM unnest(\(failed.map(\.id))::bigint[], \(failed.map(\.error))::text[]) AS f(id, error)
                    WHERE o.id = f.id
                    """
                )
                return entries.count
            }
        }
    }

    /// Messages waiting for the broker (dead letters and escalations), the age in seconds of the
    /// oldest at `now` (0 when none), and those the broker refused for good (`failed_at` set).
    public func backlog(now: Date) async throws -> (pending: Int, oldestSeconds: Double, failed: Int) {
        try await StoreError.wrapping("measuring the outbox") {
            try await pool.withConnection { connection in
                let rows = try await connection.query(
                    """
                    SELECT count(*) FILTER (WHERE failed_at IS NULL),
                           COALESCE(EXTRACT(EPOCH FROM \(now) - min(created_at) FILTER (WHERE failed_at IS NULL)), 0)::float8,
                           count(*) FILTER (WHERE failed_at IS NOT NULL)
                    FROM outbox
                    """
                )
                guard let row = rows.first else { return (0, 0, 0) }
                return (
                    try row.decode(Int.self, at: 0), max(0, try row.decode(Double.self, at: 1)),
                    try row.decode(Int.self, at: 2)
                )
            }
        }
    }

    /// Queues `events` for `topic`, keyed by incident id, inside the caller's transaction, and
    /// wakes the relays at commit.
    static func enqueue(_ events: [Event], topic: String, now: Date, on connection: PostgresConnection) async throws {
        guard !events.isEmpty else { return }
        let encoder = EventEncoder()
        try await connection.query(
            """
            INSERT INTO outbox (topic, key, value, created_at)
            SELECT \(topic), key::bytea, value::bytea, \(now)
            FROM unnest(
                \(events.map { PostgresByteaHex.text($0.incidentID.canonicalBytes) })::text[],
                \(events.map { PostgresByteaHex.text(encoder.encode($0)) })::text[]
            ) WITH ORDINALITY AS t(key, value, n)
            ORDER BY n
            """
        )
        try await connection.notify(StoreChannel.outbox)
    }
}

/// One message of the outbox.
public struct OutboxEntry: Sendable {
    /// What is to be sent.
    public enum Content: Sendable {
        /// A message as it is to be sent (e.g. an escalation on the lifecycle topic).
        case message(topic: String, key: [UInt8]?, value: [UInt8])
        /// The dead letter of a recorded rejected input, for the dead-letter topic.
        case deadLetter(StoredRejection)
    }

    /// The row id, to report the outcome under.
    public var id: Int64
    /// What is to be sent.
    public var content: Content

    init(row: PostgresRow) throws {
        id = try row.decode(Int64.self, at: 0)
        if try row.decode(Int64?.self, at: 4) != nil {
            content = .deadLetter(try StoredRejection(row: row, from: 4))
        } else {
            content = .message(
                topic: try row.decode(String.self, at: 1),
                key: try row.decode(Data?.self, at: 2).map { [UInt8]($0) },
                value: [UInt8](try row.decode(Data.self, at: 3))
            )
        }
    }
}

/// What became of one outbox message.
public enum OutboxOutcome: Sendable, Hashable {
    /// The broker acknowledged it: the row is deleted.
    case sent
    /// The broker refused it for a reason that will not change: the row is kept, marked failed.
    case refused(String)
}
