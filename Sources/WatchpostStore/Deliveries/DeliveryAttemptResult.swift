import Foundation
import WatchpostCore

/// How one claimed attempt ended and what the delivery becomes, as the dispatcher records it.
public struct DeliveryAttemptResult: Sendable, Hashable {
    /// What the delivery becomes.
    public enum Outcome: Sendable, Hashable {
        /// The receiver accepted it.
        case delivered
        /// Try again at `nextAttemptAt` on the channel at `channelIndex` (the same one, or the
        /// next one after a failover).
        case retry(nextAttemptAt: Date, channelIndex: Int)
        /// Given up. `notify` are the alerts (with their deliveries) that tell the escalation
        /// chain; they are written in the same transaction, only if the delivery was still
        /// pending.
        case dead(notify: [Alert], deliveries: [Delivery])
    }

    /// The claimed delivery.
    public var deliveryID: UUID
    /// The claim's attempt number (`ClaimedDelivery.attempt`).
    public var attempt: Int
    /// The channel the attempt used.
    public var channelIndex: Int
    /// Its kind as the dispatcher names it (`webhook`, `email`, `sms`, `zalo`, `console`…).
    public var channelKind: String
    /// When the attempt started.
    public var startedAt: Date
    /// When it ended.
    public var finishedAt: Date
    /// What the delivery becomes.
    public var outcome: Outcome
    /// The attempt's error; `nil` when delivered.
    public var error: String?
    /// The receiver's id for the message it accepted (a ZNS `msg_id`), which its delivery
    /// receipts name later. Default: none.
    public var providerMessageID: String?

    /// Creates a result.
    public init(
        deliveryID: UUID,
        attempt: Int,
        channelIndex: Int,
        channelKind: String,
        startedAt: Date,
        finishedAt: Date,
        outcome: Outcome,
        error: String?,
        providerMessageID: String? = nil
    ) {
        self.deliveryID = deliveryID
        self.attempt = attempt
        self.channelIndex = channelIndex
        self.channelKind = channelKind
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.outcome = outcome
        self.error = error
        self.providerMessageID = providerMessageID
    }
}

/// Counts of deliveries for the dispatcher's gauges.
public struct DeliveryGauges: Sendable, Hashable {
    /// Deliveries still to be made (due now or later).
    public var pending: Int
    /// Deliveries given up on.
    public var dead: Int
    /// Seconds the oldest due pending delivery has waited past its attempt time; 0 if none.
    public var oldestDueSeconds: Double

    /// Creates gauges.
    public init(pending: Int, dead: Int, oldestDueSeconds: Double) {
        self.pending = pending
        self.dead = dead
        self.oldestDueSeconds = oldestDueSeconds
    }
}
