import Foundation
import WatchpostCore

/// Writes each message as a readable block to standard output, or to an injected sink;
/// for development, demos and scripts. It never fails.
public struct ConsoleChannel: DeliveryChannel {
    /// Always `.console`.
    public var kind: ChannelKind { .console }
    private let sink: @Sendable (String) -> Void

    /// Creates the channel; `sink` receives each block (default: `print`).
    public init(sink: @escaping @Sendable (String) -> Void = { print($0) }) {
        self.sink = sink
    }

    /// Writes `message` for `address` to the sink.
    public func send(_ message: OutboundMessage, to address: String) async throws -> DeliveryReceipt {
        sink(Self.format(message, to: address))
        return DeliveryReceipt(channel: .console, responseCode: nil, serverMessageID: message.idempotencyKey)
    }

    /// The block written for `message` to `address`.
    public static func format(_ message: OutboundMessage, to address: String) -> String {
        var lines = [
            "──── watchpost delivery \(message.idempotencyKey) ────",
            "to:      \(address)",
            "locale:  \(message.locale)",
            "subject: \(message.subject)",
            "",
            message.body,
        ]
        if let payload = message.payload {
            lines += ["", "payload: \(String(decoding: payload, as: UTF8.self))"]
        }
        lines.append("────")
        return lines.joined(separator: "\n")
    }
}
