import Foundation
import Postgres

/// The recorded rejected inputs, for `watchpost dlq list` and `watchpost dlq replay`.
public final class DeadLetterStore: Sendable {
    private let pool: PostgresPool

    /// Creates a dead-letter store on `pool`.
    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// Up to `limit` rejected inputs, oldest first; without `includeReplayed`, only those not
    /// yet replayed; without `includePurged`, only those whose body is still stored (the ones
    /// that can be replayed).
    public func rejectedEvents(
        limit: Int,
        includeReplayed: Bool = false,
        includePurged: Bool = true
    ) async throws -> [StoredRejection] {
        try await StoreError.wrapping("reading rejected events") {
            try await pool.withConnection { connection in
                let rows = try await connection.query(
                    """
                    SELECT \(unescaped: StoredRejection.columns()) FROM rejected_events
                    WHERE (\(includeReplayed) OR replayed_at IS NULL) AND (\(includePurged) OR purged_at IS NULL)
                    ORDER BY id LIMIT \(max(0, limit))
                    """
                )
                return try rows.map { try StoredRejection(row: $0) }
            }
        }
    }

    /// The rejected input with row id `id`, replayed or not.
    public func rejectedEvent(id: Int64) async throws -> StoredRejection? {
        try await StoreError.wrapping("reading rejected event \(id)") {
            try await pool.withConnection { connection in
                try await connection.query(
                    "SELECT \(unescaped: StoredRejection.columns()) FROM rejected_events WHERE id = \(id)"
                ).first.map { try StoredRejection(row: $0) }
            }
        }
    }

    /// Records that `replay.by` re-published rejected input `replay.rejectionID` (call it once the
    /// broker stored the message), and sets the row's `replayed_at`, in one transaction.
    public func record(_ replay: DeadLetterReplay, value: [UInt8]) async throws {
        try await StoreError.wrapping("recording the replay of rejected event \(replay.rejectionID)") {
            try await pool.withTransaction { connection in
                try await connection.execute(
                    """
                    INSERT INTO dead_letter_replays
                        (rejected_event_id, replayed_by, replayed_at, edited, value_sha256, topic, "partition", "offset")
                    VALUES (\(replay.rejectionID), \(replay.by), \(replay.at), \(replay.edited), sha256(\(Data(value))),
                            \(replay.topic), \(replay.partition), \(replay.offset))
                    """
                )
                try await connection.execute(
                    "UPDATE rejected_events SET replayed_at = \(replay.at) WHERE id = \(replay.rejectionID)"
                )
            }
        }
    }

    /// Every recorded replay of rejected input `id`, oldest first.
    public func replays(of id: Int64) async throws -> [DeadLetterReplay] {
        try await StoreError.wrapping("reading the replays of rejected event \(id)") {
            try await pool.withConnection { connection in
                try await connection.query(
                    """
                    SELECT rejected_event_id, replayed_by, replayed_at, edited, value_sha256, topic, "partition", "offset"
                    FROM dead_letter_replays WHERE rejected_event_id = \(id) ORDER BY id
                    """
                ).map { row in
                    DeadLetterReplay(
                        rejectionID: try row.decode(Int64.self, at: 0),
                        by: try row.decode(String.self, at: 1),
                        at: try row.decode(Date.self, at: 2),
                        edited: try row.decode(Bool.self, at: 3),
                        valueSHA256: [UInt8](try row.decode(Data.self, at: 4)),
                        topic: try row.decode(String.self, at: 5),
                        partition: try row.decode(Int32.self, at: 6),
                        offset: try row.decode(Int64.self, at: 7)
                    )
                }
            }
        }
    }
}

/// One re-publication of a rejected input, as recorded in `dead_letter_replays`.
public struct DeadLetterReplay: Sendable, Hashable {
    /// The `rejected_events` row replayed.
    public var rejectionID: Int64
    /// Who replayed it (`--by`, `$WATCHPOST_OPERATOR`, else the login name).
    public var by: String
    /// When the broker stored the replayed message.
    public var at: Date
    /// Whether the operator replaced the stored body with a corrected one.
    public var edited: Bool
    /// SHA-256 of the body sent (filled in by the database when recording).
    public var valueSHA256: [UInt8]
    /// Where the replayed message was stored.
    public var topic: String
    /// Its partition.
    public var partition: Int32
    /// Its offset.
    public var offset: Int64

    /// Creates a record.
    public init(
        rejectionID: Int64,
        by: String,
        at: Date,
        edited: Bool,
        valueSHA256: [UInt8] = [],
        topic: String,
        partition: Int32,
        offset: Int64
    ) {
        self.rejectionID = rejectionID
        self.by = by
        self.at = at
        self.edited = edited
        self.valueSHA256 = valueSHA256
        self.topic = topic
        self.partition = partition
        self.offset = offset
    }
}

/// A rejected input as recorded in `rejected_events`.
public struct StoredRejection: Sendable, Hashable {
    /// Where it was rejected.
    public enum Stage: String, Sendable, Hashable, CaseIterable {
        /// Not a valid envelope v1; `problems` lists why.
        case decode
        /// Valid, but the router rejected it; `eventID` and `incidentID` are set. Re-publishing it
        /// (e.g. after fixing the directory) routes it again.
        case routing
        /// Valid, but the database refused it for good (isolated by bisecting its batch).
        case store
        /// Its `event_id` was stored before with another body; the stored event was kept.
        case conflict
        /// It claims an officer or the system (or is a tool event other than a report) without
        /// a valid signature (D18); `eventID` and `incidentID` are set.
        case auth
    }

    /// The row id (`watchpost dlq show ID`).
    public var id: Int64
    /// The topic it was read from.
    public var topic: String
    /// The partition it was read from.
    public var partition: Int32
    /// Its offset.
    public var offset: Int64
    /// The message key, if any.
    public var key: [UInt8]?
    /// The message value as received; empty once purged (`purgedAt`).
    public var raw: [UInt8]
    /// Where it was rejected.
    public var stage: Stage
    /// One line saying why.
    public var reason: String
    /// Every problem found.
    public var problems: [StoredProblem]
    /// For a routing rejection, the event id.
    public var eventID: UUID?
    /// For a routing rejection, the incident id the event named.
    public var incidentID: UUID?
    /// When it was recorded.
    public var receivedAt: Date
    /// When it was last replayed, if ever.
    public var replayedAt: Date?
    /// When its body and key were removed under the retention policy; it cannot be replayed then.
    public var purgedAt: Date?
    /// The id of the key whose valid signature it carried, for an event refused after it proved
    /// its sender (stages `routing`, `store`, `conflict`) or refused at `auth`; nil when unsigned.
    public var keyID: String?

    /// Creates a record.
    public init(
        id: Int64,
        topic: String,
        partition: Int32,
        offset: Int64,
        key: [UInt8]?,
        raw: [UInt8],
        stage: Stage,
        reason: String,
        problems: [StoredProblem],
        eventID: UUID?,
        incidentID: UUID?,
        receivedAt: Date,
        replayedAt: Date?,
        purgedAt: Date? = nil,
        keyID: String? = nil
    ) {
        self.id = id
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.key = key
        self.raw = raw
        self.stage = stage
        self.reason = reason
        self.problems = problems
        self.eventID = eventID
        self.incidentID = incidentID
        self.receivedAt = receivedAt
        self.replayedAt = replayedAt
        self.purgedAt = purgedAt
        self.keyID = keyID
    }
}

extension StoredRejection {
    /// The `rejected_events` columns `init(row:)` reads, in order, each qualified with `table`
    /// when one is given (for joins).
    static func columns(of table: String? = nil) -> String {
        let names = [
            "id", "topic", "\"partition\"", "\"offset\"", "key", "raw", "stage", "reason", "problems", "event_id",
            "incident_id", "received_at", "replayed_at", "purged_at", "key_id",
        ]
        return names.map { name in
            let qualified = table.map { "\($0).\(name)" } ?? name
            return name == "problems" ? "\(qualified)::text" : qualified
        }
        .joined(separator: ", ")
    }

    /// Reads a row selected with ``columns(of:)`` starting at column `first`.
    init(row: PostgresRow, from first: Int = 0) throws {
        let id = try row.decode(Int64.self, at: first)
        self.init(
            id: id,
            topic: try row.decode(String.self, at: first + 1),
            partition: try row.decode(Int32.self, at: first + 2),
            offset: try row.decode(Int64.self, at: first + 3),
            key: try row.decode(Data?.self, at: first + 4).map { [UInt8]($0) },
            raw: [UInt8](try row.decode(Data.self, at: first + 5)),
            stage: try row.decode(StoredRejection.Stage.self, at: first + 6, in: "rejected_events"),
            reason: try row.decode(String.self, at: first + 7),
            problems: try SnapshotJSON.decode(
                [StoredProblem].self,
                try row.decode(String.self, at: first + 8),
                row: "rejected_events \(id)"
            ),
            eventID: try row.decode(UUID?.self, at: first + 9),
            incidentID: try row.decode(UUID?.self, at: first + 10),
            receivedAt: try row.decode(Date.self, at: first + 11),
            replayedAt: try row.decode(Date?.self, at: first + 12),
            purgedAt: try row.decode(Date?.self, at: first + 13),
            keyID: try row.decode(String?.self, at: first + 14)
        )
    }
}
