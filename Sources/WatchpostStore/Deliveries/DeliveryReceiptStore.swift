import Foundation
import Postgres
import WatchpostCore

/// What a provider said became of a message it had accepted: an SMS gateway's delivery report
/// or Zalo's receipt, as `DeliveryReceiptStore` records it.
public struct ProviderReceipt: Sendable, Hashable {
    /// The longest provider message id kept (`delivery_receipts` checks it).
    public static let maximumMessageID = 200

    /// What the provider's word means for the person the message was for.
    public enum Outcome: String, Sendable, Hashable, CaseIterable {
        /// It reached their phone or Zalo app.
        case delivered
        /// The network gave up on it: undelivered, expired, rejected.
        case failed
        /// It is on its way (queued, sent to the network, buffered): nothing changes.
        case interim
    }

    /// The channel whose provider reports: `.sms` or `.zalo`.
    public var channel: ChannelKind
    /// The provider's id of the message, as the channel stored it on the attempt that sent it.
    public var messageID: String
    /// The provider's own word for the status, as it sent it (`delivered`, `DELIVRD`, `expired`).
    public var status: String
    /// What the word means.
    public var outcome: Outcome
    /// When the provider says it happened.
    public var reportedAt: Date
    /// The provider's error code or text for a failure, if it gave one.
    public var error: String?

    /// Creates a value from its parts.
    public init(
        channel: ChannelKind,
        messageID: String,
        status: String,
        outcome: Outcome,
        reportedAt: Date,
        error: String? = nil
    ) {
        self.channel = channel
        self.messageID = messageID
        self.status = status
        self.outcome = outcome
        self.reportedAt = reportedAt
        self.error = error
    }
}

/// How a receipt was recorded.
public struct RecordedReceipt: Sendable, Hashable {
    /// The delivery whose attempt sent the message; `nil` when no attempt did (yet).
    public var deliveryID: UUID?
    /// That attempt's number.
    public var attempt: Int?
    /// The same receipt (message, status word) had been recorded before; nothing changed.
    public var repeated: Bool
    /// The outcome the attempt carries now: a `failed` receipt after a `delivered` one leaves
    /// it delivered.
    public var holds: ProviderReceipt.Outcome?
    /// The deliveries a failure sent on to the officer's next channel.
    public var failedOver: [UUID] = []
}

/// Records providers' receipts (`delivery_receipts`) and puts each on the attempt that sent its
/// message (`delivery_attempts.receipt_status`, `receipt_at`), matched by channel and provider
/// message id, so a receipt that follows a retry lands on the attempt that was accepted.
public final class DeliveryReceiptStore: Sendable {
    let pool: PostgresPool

    /// Creates a store on `pool`.
    public init(pool: PostgresPool) { self.pool = pool }

    /// Records `receipt`, received at `receivedAt`, in one transaction. Idempotent: a repeated
    /// receipt changes nothing, but is still matched if its attempt was recorded since. On the
    /// attempt, `delivered` overrides `failed` and keeps the first time; `interim` changes nothing.
    public func record(_ receipt: ProviderReceipt, receivedAt: Date) async throws -> RecordedReceipt {
        let (reported, received) = (receipt.reportedAt.roundedToMicroseconds, receivedAt.roundedToMicroseconds)
        let (kind, messageID, status) = (receipt.channel.rawValue, receipt.messageID, receipt.status)
        return try await StoreError.wrapping("recording a delivery receipt") {
            try await pool.withTransaction { connection in
                let inserted = try await connection.execute(
                    """
                    INSERT INTO delivery_receipts (channel_kind, provider_message_id, status, outcome, error,
                        reported_at, received_at)
                    VALUES (\(kind), \(messageID), \(status), \(receipt.outcome.rawValue), \(receipt.error),
                        \(reported), \(received))
                    ON CONFLICT (channel_kind, provider_message_id, status) DO NOTHING
                    """
                )
                // Each delivery's latest attempt under that id: one for a text, one per member
                // for a grouped message (D58), whose members were sent as one.
                let sent = try await connection.query(
                    """
                    SELECT x.id, x.delivery_id, x.attempt FROM delivery_attempts AS x
                    WHERE x.channel_kind = \(kind) AND x.provider_message_id = \(messageID)
                      AND NOT EXISTS (SELECT 1 FROM delivery_attempts AS y
                                      WHERE y.delivery_id = x.delivery_id AND y.channel_kind = \(kind)
                                        AND y.provider_message_id = \(messageID) AND y.id > x.id)
                    ORDER BY x.id FOR UPDATE
                    """
                ).map {
                    (
                        id: try $0.decode(Int64.self, at: 0), delivery: try $0.decode(UUID.self, at: 1),
                        attempt: try $0.decode(Int.self, at: 2)
                    )
                }
                var recorded = RecordedReceipt(repeated: inserted == 0)
                guard let first = sent.first else { return recorded }
                let attemptIDs = sent.map(\.id)
                recorded.deliveryID = first.delivery
                recorded.attempt = first.attempt
                if receipt.outcome != .interim {
                    _ = try await connection.execute(
                        """
                        UPDATE delivery_attempts SET receipt_status = \(receipt.outcome.rawValue), receipt_at = \(reported)
                        WHERE id = ANY(\(attemptIDs))
                          AND (receipt_status IS NULL OR (receipt_status = 'failed' AND \(receipt.outcome.rawValue) = 'delivered'))
                        """
                    )
                }
                _ = try await connection.execute(
                    """
                    UPDATE delivery_receipts SET attempt_id = \(first.id)
                    WHERE channel_kind = \(kind) AND provider_message_id = \(messageID) AND status = \(status)
                      AND attempt_id IS NULL
                    """
                )
                recorded.holds = try await connection.query(
                    "SELECT receipt_status FROM delivery_attempts WHERE id = \(first.id)"
                ).first?.decode(String?.self, at: 0).flatMap(ProviderReceipt.Outcome.init(rawValue:))
                switch recorded.holds {
                case .failed:
                    recorded.failedOver = try await Self.failOver(
                        attemptIDs,
                        error: receipt,
                        at: received,
                        on: connection
                    )
                case .delivered:
                    try await Self.restore(attemptIDs, deliveredAt: reported, on: connection)
                default: break
                }
                return recorded
            }
        }
    }

    /// Sends on, to the officer's next channel, the deliveries whose last accepted attempt is
    /// one of `attemptIDs` and is now known to have failed (D61): the provider accepted the
    /// message but the network never brought it to the phone, so the officer has not been
    /// reached and the alert must try the next way, as a refused send would. Only while the
    /// alert still matters: its incident not resolved, and its obligation, if any, still open.
    /// With no next channel the delivery stays as it is and the report counts it undelivered.
    private static func failOver(
        _ attemptIDs: [Int64],
        error receipt: ProviderReceipt,
        at received: Date,
        on connection: PostgresConnection
    ) async throws -> [UUID] {
        let reason = "\(receipt.channel.rawValue) receipt: \(receipt.status)\(receipt.error.map { " (\($0))" } ?? "")"
        let moved = try await connection.query(
            """
            UPDATE deliveries AS d SET status = 'pending', channel_index = d.channel_index + 1,
                next_attempt_at = \(received), delivered_at = NULL, claimed_until = NULL, last_error = \(reason)
            FROM delivery_attempts AS x
            WHERE x.id = ANY(\(attemptIDs)) AND d.id = x.delivery_id
              AND d.status = 'delivered' AND x.outcome = 'delivered' AND x.receipt_status = 'failed'
              AND x.attempt = d.attempts AND x.channel_index = d.channel_index
              AND d.channel_index + 1 < jsonb_array_length(d.channels)
              AND EXISTS (SELECT 1 FROM alerts AS a
                          JOIN incidents AS i ON i.id = a.incident_id
                          LEFT JOIN obligations AS o ON o.id = a.obligation_id
                          WHERE a.id = d.alert_id AND i.status NOT IN ('resolved', 'merged')
                            AND (o.id IS NULL OR o.status = 'open'))
            RETURNING d.id
            """
        ).map { try $0.decode(UUID.self, at: 0) }
        if !moved.isEmpty { try await connection.notify(StoreChannel.deliveries) }
        return moved
    }

    /// Counts as delivered again an alert that `failOver` sent on, when the text turns out to
    /// have arrived after all: unless a later attempt delivered it, the delivery is delivered by
    /// the attempt the receipt is for, whether the next channel is still to be tried (pending)
    /// or failed as well (dead). A send on the next channel in flight then goes out, but its
    /// result no longer applies (`DeliveryStore.record` changes only pending rows).
    private static func restore(_ attemptIDs: [Int64], deliveredAt: Date, on connection: PostgresConnection)
        async throws
    {
        try await connection.execute(
            """
            UPDATE deliveries AS d SET status = 'delivered', channel_index = x.channel_index,
                delivered_at = \(deliveredAt), claimed_until = NULL
            FROM delivery_attempts AS x
            WHERE x.id = ANY(\(attemptIDs)) AND d.id = x.delivery_id
              AND d.status IN ('pending', 'dead') AND x.outcome = 'delivered'
              AND NOT EXISTS (SELECT 1 FROM delivery_attempts AS z
                              WHERE z.delivery_id = d.id AND z.attempt > x.attempt AND z.outcome = 'delivered')
            """
        )
    }
}
