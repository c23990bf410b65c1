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
                let sent = try await connection.query(
                    """
                    SELECT id, delivery_id, attempt FROM delivery_attempts
                    WHERE channel_kind = \(kind) AND provider_message_id = \(messageID)
                    ORDER BY id DESC LIMIT 1 FOR UPDATE
                    """
                ).first
                var recorded = RecordedReceipt(repeated: inserted == 0)
                guard let sent else { return recorded }
                let attemptID = try sent.decode(Int64.self, at: 0)
                recorded.deliveryID = try sent.decode(UUID.self, at: 1)
                recorded.attempt = try sent.decode(Int.self, at: 2)
                if receipt.outcome != .interim {
                    _ = try await connection.execute(
                        """
                        UPDATE delivery_attempts SET receipt_status = \(receipt.outcome.rawValue), receipt_at = \(reported)
                        WHERE id = \(attemptID)
                          AND (receipt_status IS NULL OR (receipt_status = 'failed' AND \(receipt.outcome.rawValue) = 'delivered'))
                        """
                    )
                }
                _ = try await connection.execute(
                    """
                    UPDATE delivery_receipts SET attempt_id = \(attemptID)
                    WHERE channel_kind = \(kind) AND provider_message_id = \(messageID) AND status = \(status)
                      AND attempt_id IS NULL
                    """
                )
                recorded.holds = try await connection.query(
                    "SELECT receipt_status FROM delivery_attempts WHERE id = \(attemptID)"
                ).first?.decode(String?.self, at: 0).flatMap(ProviderReceipt.Outcome.init(rawValue:))
                return recorded
            }
        }
    }
}
