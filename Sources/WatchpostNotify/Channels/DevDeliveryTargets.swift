import WatchpostCore
/// The development override `WATCHPOST_DEV_DELIVERY`: every delivery goes to these targets
/// instead of the officers' (fictional, `example.invalid`) addresses, e.g.
///
///     WATCHPOST_DEV_DELIVERY=console,webhook:http://127.0.0.1:8099/
///
/// Each attempt sends to every target in order and counts as delivered when all accepted it.
/// Never set it in production: it ignores the directory's channels altogether.
public struct DevDeliveryTargets: Sendable, Hashable {
    /// One target: a channel kind and its address (empty for the console).
    public struct Target: Sendable, Hashable {
        /// `.console` or `.webhook`.
        public var kind: ChannelKind
        /// The webhook URL; empty for the console.
        public var address: String
    }

    /// The environment variable read by `parse(environment:)`.
    public static let environmentVariable = "WATCHPOST_DEV_DELIVERY"

    /// The targets, in the order they are sent to.
    public var targets: [Target]

    /// Parses a comma-separated list of `console` and `webhook:<http(s) URL>`.
    /// - Throws: `DeliveryError` (`.configuration`) naming the entry that is wrong.
    public init(parsing text: String) throws(DeliveryError) {
        var targets: [Target] = []
        for entry in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !entry.isEmpty {
            if entry == "console" {
                targets.append(Target(kind: .console, address: ""))
            } else if entry.hasPrefix("webhook:") {
                let url = String(entry.dropFirst("webhook:".count))
                guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
                    throw Self.problem("`\(entry)`: a webhook target needs an http(s) URL")
                }
                targets.append(Target(kind: .webhook, address: url))
            } else {
                throw Self.problem("`\(entry)` is neither `console` nor `webhook:<url>`")
            }
        }
        guard !targets.isEmpty else { throw Self.problem("it names no target") }
        self.targets = targets
    }

    /// The override from `environment`, or `nil` when the variable is unset or empty.
    public static func parse(environment: [String: String]) throws(DeliveryError) -> DevDeliveryTargets? {
        guard let text = environment[environmentVariable], !text.isEmpty else { return nil }
        return try DevDeliveryTargets(parsing: text)
    }

    /// The kind whose concurrency limit an attempt takes: the first non-console target's.
    public var limitingKind: ChannelKind { targets.first { $0.kind != .console }?.kind ?? .console }

    /// The name recorded as the attempt's channel kind, e.g. `dev:console+webhook`.
    public var label: String { "dev:" + targets.map(\.kind.rawValue).joined(separator: "+") }

    private static func problem(_ message: String) -> DeliveryError {
        DeliveryError(.configuration, channel: .console, message: "\(environmentVariable): \(message)")
    }
}
