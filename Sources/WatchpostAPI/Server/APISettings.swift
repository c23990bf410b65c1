import Foundation
import Kafka
import Postgres
import WatchpostCore
import WatchpostStore

/// Everything `watchpost api` needs: the deployment's shared settings (`deployment`, read through
/// as `settings.brokers`, `settings.keyring`, …) and the API's own. Required values go in
/// `init`; every other setting has a documented default. `resolve()` checks that production has
/// its secrets (decision D19).
public struct APISettings: DeploymentScoped, Sendable {
    /// Broker, database, configuration folder, events topic and keys, shared with the workers.
    /// The keys sign the events the API publishes for its callers: required in production.
    public var deployment: DeploymentSettings
    /// Address to bind. Default: `127.0.0.1`.
    public var host = "127.0.0.1"
    /// Port to bind. Default: 8080.
    public var port = 8080
    /// The public base URL officers reach the API at (`WATCHPOST_PUBLIC_URL`), e.g.
    /// `https://watchpost.example.vn`. Required unless `devMode`.
    public var publicURL: String?
    /// The acknowledge-link key (`WATCHPOST_LINK_SECRET`, ≥ 32 bytes), shared with the workers.
    /// Required unless `devMode`.
    public var linkSecret: String?
    /// The secret the SMS gateway proves its posts of officers' answers with
    /// (`WATCHPOST_SMS_INBOUND_SECRET`, ≥ 32 bytes). Unset: `POST /v1/sms/inbound` refuses
    /// every post, and texts carry no reply code.
    public var smsInboundSecret: String?
    /// The telephony provider's account token (`WATCHPOST_VOICE_TOKEN`): with it, a key press
    /// must also carry the provider's signature. Unset: the signed key-press address alone.
    public var voiceToken: String?
    /// Development mode: missing secrets are replaced by random ones (with a warning) and the
    /// public URL defaults to `http://host:port`. Never in production.
    public var devMode = false
    /// Whether the public URL is https, so cookies are `Secure`. Derived from `publicURL`.
    public var servesTLS: Bool { publicURL?.lowercased().hasPrefix("https://") ?? false }
    /// Largest request body accepted, in bytes. Default: 256 KiB (an envelope is at most
    /// 64 KiB; a form is far smaller).
    public var maxBodyBytes = 256 * 1024
    /// Reverse proxies whose `X-Forwarded-For` names the client (`WATCHPOST_TRUSTED_PROXIES`).
    /// Default: none.
    public var trustedProxies = TrustedProxies()
    /// Connections in the API's pool. Default: 8.
    public var databaseConnections = 8
    /// How long a produced event may wait for the broker before the request fails with 503.
    /// Default: 10 seconds.
    public var produceTimeout: Duration = .seconds(10)

    /// How long a signed-in session may go unused before it is refused and the officer signs in
    /// again (`WATCHPOST_SESSION_IDLE_MINUTES`): officials share phones. Default: 30 minutes.
    /// A session ends after 12 hours however busy.
    public var sessionIdleTimeout: Duration = .seconds(30 * 60)
    /// How long a connection may sit with nothing arriving: between requests on a kept-alive
    /// connection, or while the head of a request is incomplete. Default: 30 seconds.
    public var connectionIdleTimeout: Duration = .seconds(30)
    /// How long one request may take to arrive, from its complete head to the last byte of its
    /// body, however slowly the bytes trickle in. Default: 60 seconds.
    public var requestReadTimeout: Duration = .seconds(60)

    /// Zalo's delivery events (`POST /v1/zalo/events`): the app id and the OA secret key that
    /// signs them (`WATCHPOST_ZNS_APP_ID`, `WATCHPOST_ZNS_WEBHOOK_SECRET`). Default: `nil`, and
    /// every event is refused.
    public var zaloEvents: ZaloEventSettings?

    /// Creates settings for a deployment.
    public init(deployment: DeploymentSettings) { self.deployment = deployment }

    /// The settings with every secret present: in production each must be set, in dev mode
    /// missing ones are generated. `warnings` says what was generated.
    public func resolve() throws(APISettingsError) -> (ResolvedAPISettings, warnings: [String]) {
        var warnings: [String] = []
        var missing: [String] = []
        let base = publicURL.flatMap { $0.isEmpty ? nil : $0 }
        if base == nil && !devMode { missing.append("WATCHPOST_PUBLIC_URL") }
        if (linkSecret ?? "").isEmpty && !devMode { missing.append(AcknowledgeSecret.environmentVariable) }
        if deployment.keyring == nil && !devMode { missing.append(EventKeyring.environmentVariable) }
        if let secret = linkSecret, !secret.isEmpty, secret.utf8.count < 32 {
            throw APISettingsError(
                "\(AcknowledgeSecret.environmentVariable) holds \(secret.utf8.count) bytes; at least 32 are required"
            )
        }
        if let secret = smsInboundSecret, !secret.isEmpty, secret.utf8.count < 32 {
            throw APISettingsError(
                "WATCHPOST_SMS_INBOUND_SECRET holds \(secret.utf8.count) bytes; at least 32 are required"
            )
        }
        guard missing.isEmpty else {
            throw APISettingsError(
                "\(missing.joined(separator: ", ")) must be set in production (or run with --dev on a development machine)"
            )
        }
        var secret = linkSecret ?? ""
        if secret.isEmpty {
            secret = Base64URL.encode(SecureBytes.random(32))
            warnings.append(
                "\(AcknowledgeSecret.environmentVariable) is unset: acknowledge links use a random key that no worker shares"
            )
        }
        var keys = deployment.keyring
        if keys == nil {
            keys = try? EventKeyring([(id: "dev-random", secret: Base64URL.encode(SecureBytes.random(32)))])
            warnings.append(
                "\(EventKeyring.environmentVariable) is unset: events are signed with a random key that no worker accepts"
            )
        }
        let url = base ?? "http://\(host == "0.0.0.0" ? "127.0.0.1" : host):\(port)"
        return (ResolvedAPISettings(settings: self, publicURL: url, linkSecret: secret, keyring: keys!), warnings)
    }
}

/// `APISettings` with every secret present.
public struct ResolvedAPISettings: Sendable {
    /// The settings shared with the worker: database, broker, metrics.
    public var settings: APISettings
    /// The address officers open, for links in messages.
    public var publicURL: String
    /// The secret that signs acknowledge links.
    public var linkSecret: String
    /// The keys that sign the events the API publishes.
    public var keyring: EventKeyring
}

/// The name of the acknowledge-link key's environment variable, without importing the
/// notification module here.
enum AcknowledgeSecret {
    static let environmentVariable = "WATCHPOST_LINK_SECRET"
}

/// Settings `watchpost api` cannot start with; the message names each missing setting.
public struct APISettingsError: Error, CustomStringConvertible, Sendable {
    /// The text for logs and messages.
    public var description: String
    init(_ description: String) { self.description = description }
}

/// Random bytes from the system's CSPRNG.
public enum SecureBytes {
    /// `count` random bytes.
    public static func random(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }
}

/// What checks Zalo's delivery events: the app they are for and the OA secret key that signs them.
public struct ZaloEventSettings: Sendable, Hashable {
    /// The Zalo app id (`WATCHPOST_ZNS_APP_ID`).
    public var appID: String
    /// The OA secret key of the webhook settings (`WATCHPOST_ZNS_WEBHOOK_SECRET`).
    public var secretKey: String

    /// Creates settings.
    public init(appID: String, secretKey: String) {
        self.appID = appID
        self.secretKey = secretKey
    }
}
