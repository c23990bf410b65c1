import WatchpostCore
/// Something that can carry one message to one address.
///
/// A channel makes exactly one attempt per call: retries, back-off and failover belong to the
/// dispatcher, which decides from `DeliveryError.isRetriable`. Implementations never block
/// Swift's cooperative thread pool and honour task cancellation.
public protocol DeliveryChannel: Sendable {
    /// The kind of channel, recorded on receipts and errors.
    var kind: ChannelKind { get }

    /// Sends `message` to `address` (a URL, e-mail address, phone number or Zalo id).
    ///
    /// - Returns: a receipt when the receiving side accepted the message.
    /// - Throws: `DeliveryError` when it did not, `CancellationError` when the task was cancelled.
    func send(_ message: OutboundMessage, to address: String) async throws -> DeliveryReceipt
}
