import WatchpostCore
/// Proof that the receiving side accepted one message.
public struct DeliveryReceipt: Sendable, Hashable {
    /// The channel that carried the message.
    public var channel: ChannelKind
    /// The receiver's status: the HTTP status or the last SMTP reply code; `nil` for the console.
    public var responseCode: Int?
    /// The receiver's id for the message when it gave one (a gateway's message id, the
    /// e-mail's `Message-ID`); store it to match later complaints or delivery reports.
    public var serverMessageID: String?

    /// Creates a receipt.
    public init(channel: ChannelKind, responseCode: Int?, serverMessageID: String? = nil) {
        self.channel = channel
        self.responseCode = responseCode
        self.serverMessageID = serverMessageID
    }
}
