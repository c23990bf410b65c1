import Foundation
import Logging
import Postgres
import WatchpostCore

/// The dispatcher's queries on the outbox: claim due deliveries, record each attempt and what
/// the delivery becomes, say when the next one is due, and count what is pending or dead.
///
/// Claims lease rows with `FOR UPDATE SKIP LOCKED` and a `claimed_until` time, so any number of
/// dispatchers share the work and a dispatcher that dies mid-send only delays its deliveries
/// until the lease runs out. A result is written only while the row is still pending and still
/// carries the claim's attempt number: a cancellation (an acknowledgement, a resolution) or a
/// newer claim always wins.
public final class DeliveryStore: Sendable {
    let pool: PostgresPool
    private let logger: Logger

    /// Creates a store on `pool`; the dispatcher gives it a pool of its own, so that sending
    /// never waits for the connections routing uses.
    public init(pool: PostgresPool, logger: Logger) {
        self.pool = pool
        self.logger = logger
    }

    /// Claims up to `limit` pending deliveries due at `now` (oldest due first) that nobody
    /// holds, leasing them until `now + lease` and counting the attempt; returns them with what
    /// rendering needs. The lease must outlast a send (channel timeout) with room to record.
    ///
    /// With `channelKinds`, only deliveries whose current channel is of one of those kinds are
    /// claimed (and those with no channel at all, which fail without sending), so a dispatcher
    /// claims no more for a channel kind than it can start sending at once.
    public func claimDue(
        now: Date,
        limit: Int,
        lease: Duration,
        channelKinds: Set<ChannelKind> = Set(ChannelKind.allCases)
    ) async throws -> [ClaimedDelivery] {
        let now = now.roundedToMicroseconds
        let until = now.addingTimeInterval(DeadlineDuration.seconds(lease)).roundedToMicroseconds
        let kinds = channelKinds.map(\.rawValue).sorted()
        let limit = max(1, limit)
        let grouped = try await claimDueGroups(now: now, limit: limit, until: until, kinds: kinds)
        guard grouped.count < limit else { return grouped }
        return try await StoreError.wrapping("claiming due deliveries") {
            try await pool.withConnection { connection in
                let rows = try await connection.query(
                    """
                    WITH due AS (
                        SELECT id FROM deliveries
                        WHERE status = 'pending' AND next_attempt_at <= \(now) AND group_key IS NULL
                          AND (claimed_until IS NULL OR claimed_until <= \(now))
                          AND (jsonb_array_length(channels) = 0
                               OR \(unescaped: Self.currentKind) = ANY(\(kinds)))
                        ORDER BY next_attempt_at
                        LIMIT \(limit - grouped.count)
                        FOR UPDATE SKIP LOCKED
                    )
                    UPDATE deliveries AS d SET claimed_until = \(until), attempts = d.attempts + 1
                    FROM due WHERE d.id = due.id
                    RETURNING \(unescaped: Self.claimedColumns)
                    """
                )
                guard !rows.isEmpty else { return grouped }
                return grouped + (try await DeliveryContextLoader.load(rows, on: connection))
            }
        }
    }

    /// What a claim returns of each delivery, in the order `DeliveryContextLoader` reads.
    static let claimedColumns = """
        d.id, d.alert_id, d.recipient, d.locale, d.channels::text, d.channel_index, d.attempts,
            (SELECT count(*) FROM delivery_attempts x
             WHERE x.delivery_id = d.id AND x.channel_index = d.channel_index AND x.outcome <> 'delivered'),
            d.sealed_message, d.report_run_id
        """

    /// Records one attempt in `delivery_attempts` and moves the delivery to its outcome, in one
    /// transaction; a sealed sign-in message is erased once the delivery is delivered or dead.
    /// Returns whether the delivery row changed: `false` when it was cancelled or
    /// reclaimed meanwhile (the attempt is still recorded: it happened). For a dead delivery
    /// the escalation alerts are written only when the row changed, and the dispatchers are
    /// notified of them.
    @discardableResult
    public func record(_ result: DeliveryAttemptResult) async throws -> Bool {
        try await record([result]).first ?? false
    }

    /// Records the results of one grouped message, one per member delivery, in one transaction
    /// (see `record(_:)`); returns for each whether its delivery row changed.
    @discardableResult
    public func record(_ results: [DeliveryAttemptResult]) async throws -> [Bool] {
        let ids = results.map { $0.deliveryID.uuidString.lowercased() }.joined(separator: ", ")
        return try await StoreError.wrapping("recording delivery \(ids)") {
            try await pool.withTransaction { connection in
                if results.count > 1 {
                    try await Self.lockGroups(of: results.map(\.deliveryID), on: connection)
                }
                var changed: [Bool] = []
                for result in results { changed.append(try await Self.apply(result, on: connection)) }
                return changed
            }
        }
    }

    private static func apply(_ result: DeliveryAttemptResult, on connection: PostgresConnection) async throws -> Bool {
        let started = result.startedAt.roundedToMicroseconds
        let finished = result.finishedAt.roundedToMicroseconds
        let outcome: String
        let status: String
        var channelIndex = result.channelIndex
        var nextAttemptAt: Date?
        var deliveredAt: Date?
        switch result.outcome {
        case .delivered:
            (outcome, status, deliveredAt) = ("delivered", "delivered", finished)
        case .retry(let at, let index):
            (outcome, status, nextAttemptAt, channelIndex) = (
                "retry", "pending", at.roundedToMicroseconds, index
            )
        case .dead:
            (outcome, status) = ("failed", "dead")
        }
        try await connection.query(
            """
            INSERT INTO delivery_attempts
                (delivery_id, attempt, channel_index, channel_kind, started_at, finished_at, outcome, error,
                 provider_message_id)
            VALUES (\(result.deliveryID), \(result.attempt), \(result.channelIndex), \(result.channelKind),
                    \(started), \(finished), \(outcome), \(result.error), \(result.providerMessageID))
            ON CONFLICT (delivery_id, attempt) DO NOTHING
            """
        )
        let changed = try await connection.execute(
            """
            UPDATE deliveries SET
                status = \(status),
                channel_index = \(channelIndex),
                next_attempt_at = coalesce(\(nextAttemptAt), next_attempt_at),
                claimed_until = NULL,
                last_error = coalesce(\(result.error), last_error),
                delivered_at = \(deliveredAt),
                -- A sealed sign-in message is erased once it is delivered or given up.
                sealed_message = CASE WHEN \(status)::text = 'pending' THEN sealed_message END
            WHERE id = \(result.deliveryID) AND status = 'pending' AND attempts = \(result.attempt)
            """
        )
        guard changed == 1 else { return false }
        if case .dead(let alerts, let deliveries) = result.outcome, !alerts.isEmpty {
            let written = try await AlertWriter.insert(
                alerts: alerts,
                deliveries: deliveries,
                now: finished,
                on: connection
            )
            if written.deliveries > 0 { try await connection.notify(StoreChannel.deliveries) }
        }
        return true
    }

    /// The earliest instant a pending delivery (on a channel of one of `channelKinds`, as
    /// `claimDue` filters) becomes claimable: its attempt time, or the end of the lease of one
    /// held now. `nil` when nothing is pending; may lie in the past.
    public func nextDueAt(channelKinds: Set<ChannelKind> = Set(ChannelKind.allCases)) async throws -> Date? {
        let kinds = channelKinds.map(\.rawValue).sorted()
        return try await StoreError.wrapping("finding the next due delivery") {
            try await pool.withConnection { connection in
                let rows = try await connection.query(
                    """
                    SELECT min(greatest(next_attempt_at, coalesce(claimed_until, next_attempt_at)))
                    FROM deliveries
                    WHERE status = 'pending'
                      AND (jsonb_array_length(channels) = 0
                           OR \(unescaped: Self.currentKind) = ANY(\(kinds)))
                    """
                )
                return try rows.first?.decode(Date?.self, at: 0) ?? nil
            }
        }
    }

    /// The kind of the channel a `deliveries` row's next attempt uses: its index clamped to the
    /// list, as the dispatcher clamps it.
    static let currentKind =
        "(channels -> least(greatest(channel_index, 0), jsonb_array_length(channels) - 1) ->> 'kind')"

    /// Pending and dead deliveries, and how late the oldest due one is at `now`.
    public func gauges(now: Date) async throws -> DeliveryGauges {
        try await StoreError.wrapping("counting deliveries") {
            try await pool.withConnection { connection in
                let rows = try await connection.query(
                    """
                    SELECT (SELECT count(*) FROM deliveries WHERE status = 'pending'),
                           (SELECT count(*) FROM deliveries WHERE status = 'dead'),
                           (SELECT coalesce(extract(epoch FROM \(now) - min(next_attempt_at)), 0)::float8
                            FROM deliveries WHERE status = 'pending' AND next_attempt_at <= \(now))
                    """
                )
                guard let row = rows.first else { return DeliveryGauges(pending: 0, dead: 0, oldestDueSeconds: 0) }
                return DeliveryGauges(
                    pending: try row.decode(Int.self, at: 0),
                    dead: try row.decode(Int.self, at: 1),
                    oldestDueSeconds: try row.decode(Double.self, at: 2)
                )
            }
        }
    }
}
