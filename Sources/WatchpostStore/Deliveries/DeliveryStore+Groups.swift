import Foundation
import Postgres
import WatchpostCore

extension DeliveryStore {
    /// Claims up to `limit` due groups of held deliveries (D58), each group whole: one
    /// `ClaimedDelivery` per group, `.grouped` with its members, or the member itself when only
    /// one is left (the others cancelled while held). An empty group claims nothing.
    ///
    /// A group is claimed under a transaction-level advisory lock on its key, tried, never
    /// waited for: a dispatcher that finds it taken leaves the group to its holder. Its members
    /// are leased in a statement that starts after the lock is held, so it sees a claim another
    /// dispatcher committed and finds nothing left: no group is sent twice, and no delivery is
    /// in two messages. Members locked by a cancellation in progress are skipped, not waited for.
    func claimDueGroups(now: Date, limit: Int, until: Date, kinds: [String]) async throws -> [ClaimedDelivery] {
        try await StoreError.wrapping("claiming due groups of deliveries") {
            try await pool.withConnection { connection in
                // Looked up outside a transaction: with nothing held, a claim costs one statement.
                let due = try await connection.query(
                    """
                    SELECT group_key FROM deliveries
                    WHERE status = 'pending' AND group_key IS NOT NULL AND next_attempt_at <= \(now)
                      AND (claimed_until IS NULL OR claimed_until <= \(now))
                      AND (jsonb_array_length(channels) = 0 OR \(unescaped: Self.currentKind) = ANY(\(kinds)))
                    GROUP BY group_key
                    ORDER BY min(next_attempt_at)
                    LIMIT \(limit)
                    """
                ).map { try $0.decode(String.self, at: 0) }
                guard !due.isEmpty else { return [] }
                return try await connection.transaction { connection in
                    try await claim(due, now: now, until: until, kinds: kinds, on: connection)
                }
            }
        }
    }

    /// Locks what it can of the `due` group keys and leases their members, in the caller's
    /// transaction.
    private func claim(
        _ due: [String],
        now: Date,
        until: Date,
        kinds: [String],
        on connection: PostgresConnection
    ) async throws -> [ClaimedDelivery] {
        let locked = try await connection.query(
            """
            SELECT k FROM unnest(\(due)::text[]) AS k
            WHERE pg_try_advisory_xact_lock(\(unescaped: Self.groupLockKey))
            """
        ).map { try $0.decode(String.self, at: 0) }
        guard !locked.isEmpty else { return [] }
        let rows = try await connection.query(
            """
            WITH due AS (
                SELECT id FROM deliveries
                WHERE group_key = ANY(\(locked)) AND status = 'pending' AND next_attempt_at <= \(now)
                  AND (claimed_until IS NULL OR claimed_until <= \(now))
                  AND (jsonb_array_length(channels) = 0
                       OR \(unescaped: Self.currentKind) = ANY(\(kinds)))
                FOR UPDATE SKIP LOCKED
            )
            UPDATE deliveries AS d SET claimed_until = \(until), attempts = d.attempts + 1
            FROM due WHERE d.id = due.id
            RETURNING \(unescaped: Self.claimedColumns), d.group_key, d.created_at
            """
        )
        guard !rows.isEmpty else { return [] }
        var keys: [UUID: (group: String, createdAt: Date)] = [:]
        for row in rows {
            keys[try row.decode(UUID.self, at: 0)] = (
                try row.decode(String.self, at: 10), try row.decode(Date.self, at: 11)
            )
        }
        let members = try await DeliveryContextLoader.load(rows, on: connection)
        let groups = Dictionary(grouping: members) { keys[$0.id]?.group ?? "" }
        return groups.keys.sorted().compactMap { key in
            let sorted = (groups[key] ?? []).sorted { a, b in
                let (x, y) = (keys[a.id]?.createdAt ?? .distantPast, keys[b.id]?.createdAt ?? .distantPast)
                return x != y ? x < y : a.id.uuidString < b.id.uuidString
            }
            return Self.message(of: sorted)
        }
    }

    /// The advisory lock of the group whose key is `k`: a claim tries it, a grouped message's
    /// record waits for it.
    static let groupLockKey = "hashtextextended('watchpost.group:' || k, 0)"

    /// Takes, in the caller's transaction, the locks of the groups of `deliveries`, so that
    /// recording a grouped message and claiming its group again never overlap.
    ///
    /// Without it, a group whose lease ran out while its message was being recorded could be
    /// claimed again halfway through the record: the claim skipped the members the record had
    /// already locked and took the others, so those went out a second time in a message of
    /// their own, under another key the receiver could not recognise. Now a claim either finds
    /// the group locked and leaves it, or comes first and takes every member still pending, so
    /// a message sent again carries the same members under the same key.
    static func lockGroups(of deliveries: [UUID], on connection: PostgresConnection) async throws {
        try await connection.query(
            """
            SELECT pg_advisory_xact_lock(\(unescaped: groupLockKey))
            FROM (SELECT DISTINCT group_key AS k FROM deliveries
                  WHERE id = ANY(\(deliveries)) AND group_key IS NOT NULL ORDER BY 1) AS groups
            """
        )
    }

    /// One claim for a group's claimed `members`, oldest first: the member alone, or a grouped
    /// message on the first member's channels.
    static func message(of members: [ClaimedDelivery]) -> ClaimedDelivery? {
        guard let first = members.first else { return nil }
        guard members.count > 1 else { return first }
        return ClaimedDelivery(
            id: DerivedID.groupedMessage(deliveries: members.map(\.id)),
            content: .grouped(members),
            recipient: first.recipient,
            locale: first.locale,
            channels: first.channels,
            channelIndex: first.channelIndex,
            attempt: first.attempt,
            channelFailures: first.channelFailures
        )
    }
}
