/// The ways Watchpost can physically reach a person or a system.
///
/// The raw values are the names used in configuration files and in the `deliveries` table.
public enum ChannelKind: String, CaseIterable, Sendable, Codable, Hashable {
    /// An HTTP POST of a signed JSON document to a receiver's URL.
    case webhook
    /// An e-mail sent through an SMTP relay.
    case email
    /// A text message sent through a configurable HTTP SMS gateway.
    case sms
    /// A Zalo message sent through a configurable HTTP gateway (Zalo OA / ZNS).
    case zalo
    /// A readable block written to standard output; for development and scripts.
    case console
}
