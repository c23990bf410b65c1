import WatchpostCore
/// How many sends may be in flight at once on each kind of channel, so that one slow or
/// hanging receiver kind cannot take every slot of the dispatcher, and a gateway or SMTP relay
/// is not flooded.
public struct ChannelConcurrency: Sendable, Hashable {
    /// In-flight sends per channel kind. Defaults: webhook 8, email 4, sms 4, zalo 4, voice 4
    /// (a call holds its slot while it rings and is spoken), console 1.
    public var limits: [ChannelKind: Int] = [.webhook: 8, .email: 4, .sms: 4, .zalo: 4, .voice: 4, .console: 1]

    /// Creates the defaults.
    public init() {}

    /// The limit for `kind` (at least 1; 1 when absent from `limits`).
    public func limit(for kind: ChannelKind) -> Int { max(1, limits[kind] ?? 1) }
}
