import Foundation
import WatchpostCore

/// Settings of the voice channel: a telephony provider's HTTP call API in Twilio's form, which
/// Vietnamese providers' "click to call" APIs follow closely (D59). Read from the environment:
///
/// | variable | meaning | default |
/// | --- | --- | --- |
/// | `WATCHPOST_VOICE_API_URL` | the account's base URL; calls are created at `<base>/Calls.json` and read at `<base>/Calls/<sid>.json` | unset: no voice channel |
/// | `WATCHPOST_VOICE_ACCOUNT` | the account id, the user of HTTP Basic authentication | required with the URL |
/// | `WATCHPOST_VOICE_TOKEN` | the account's token: the Basic password, and the key the provider signs its callbacks with (`X-Twilio-Signature`) | required with the URL |
/// | `WATCHPOST_VOICE_FROM` | the number calls come from | required with the URL |
/// | `WATCHPOST_VOICE_RING_SECONDS` | how long a call rings before it counts as unanswered | 30 |
/// | `WATCHPOST_VOICE_CALL_SECONDS` | how long one attempt waits for the call to end | 90 |
/// | `WATCHPOST_VOICE_RETRY_SECONDS` | how long after an unanswered call the next one is placed | 300 |
public struct VoiceConfiguration: Sendable, Hashable {
    /// The account's base URL, without a trailing `/`.
    public var apiURL: String
    /// The account id.
    public var account: String
    /// The account token.
    public var token: String
    /// The caller number.
    public var from: String
    /// How long a call rings.
    public var ring: Duration = .seconds(30)
    /// How long one attempt waits for the call to end; must stay under the dispatcher's lease.
    public var callLimit: Duration = .seconds(90)
    /// How long after an unanswered call the next one is placed.
    public var retryAfter: Duration = .seconds(300)
    /// How often the call's status is read while it lasts.
    public var pollInterval: Duration = .seconds(2)
    /// Connect and request time limits of each HTTP request.
    public var requestTimeout: Duration = .seconds(10)

    /// Creates settings.
    public init(apiURL: String, account: String, token: String, from: String) {
        var base = apiURL
        while base.hasSuffix("/") { base.removeLast() }
        self.apiURL = base
        self.account = account
        self.token = token
        self.from = from
    }

    /// The settings `environment` gives, `nil` when `WATCHPOST_VOICE_API_URL` is unset.
    /// - Throws: `DeliveryError(.configuration)` naming the variable that is missing or wrong.
    public static func fromEnvironment(_ environment: [String: String]) throws(DeliveryError) -> VoiceConfiguration? {
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        guard let url = value("WATCHPOST_VOICE_API_URL") else { return nil }
        guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme?.lowercased() ?? "") else {
            throw DeliveryError(
                .configuration,
                channel: .voice,
                message: "WATCHPOST_VOICE_API_URL is not an http(s) URL"
            )
        }
        var missing: [String] = []
        for name in ["WATCHPOST_VOICE_ACCOUNT", "WATCHPOST_VOICE_TOKEN", "WATCHPOST_VOICE_FROM"]
        where value(name) == nil {
            missing.append(name)
        }
        guard missing.isEmpty else {
            throw DeliveryError(
                .configuration,
                channel: .voice,
                message: "\(missing.joined(separator: ", ")) must be set with WATCHPOST_VOICE_API_URL"
            )
        }
        var configuration = VoiceConfiguration(
            apiURL: url,
            account: value("WATCHPOST_VOICE_ACCOUNT")!,
            token: value("WATCHPOST_VOICE_TOKEN")!,
            from: value("WATCHPOST_VOICE_FROM")!
        )
        func seconds(_ name: String, _ range: ClosedRange<Int>) throws(DeliveryError) -> Duration? {
            guard let text = value(name) else { return nil }
            guard let number = Int(text), range.contains(number) else {
                throw DeliveryError(
                    .configuration,
                    channel: .voice,
                    message:
                        "\(name) must be whole seconds from \(range.lowerBound) to \(range.upperBound), not \(text)"
                )
            }
            return .seconds(number)
        }
        if let ring = try seconds("WATCHPOST_VOICE_RING_SECONDS", 5...120) { configuration.ring = ring }
        if let limit = try seconds("WATCHPOST_VOICE_CALL_SECONDS", 20...110) { configuration.callLimit = limit }
        if let retry = try seconds("WATCHPOST_VOICE_RETRY_SECONDS", 30...3600) { configuration.retryAfter = retry }
        return configuration
    }
}
