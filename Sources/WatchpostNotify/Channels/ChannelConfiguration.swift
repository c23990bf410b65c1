import Foundation
import WatchpostCore

/// The settings of every channel; a channel whose settings are absent is not available.
///
/// Secrets (webhook secret, SMTP password, gateway API keys) come only from the environment,
/// never from files in the repository. `fromEnvironment` reads:
///
/// | variable | meaning | default |
/// | --- | --- | --- |
/// | `WATCHPOST_WEBHOOK_SECRET` | HMAC secret; webhooks are available when set | unset: no webhooks |
/// | `WATCHPOST_WEBHOOK_TIMEOUT` | seconds, connect and total | 10 |
/// | `WATCHPOST_SMTP_URL` | `smtp://host:587` or `smtps://host:465`; e-mail available when set | unset: no e-mail |
/// | `WATCHPOST_SMTP_FROM` | `Name <local@domain>`; required with the URL | — |
/// | `WATCHPOST_SMTP_USER`, `WATCHPOST_SMTP_PASSWORD` | AUTH login | no AUTH |
/// | `WATCHPOST_SMTP_TLS` | `none`, `try` or `required` | `required` |
/// | `WATCHPOST_SMTP_TIMEOUT` | seconds for the whole SMTP conversation | 30 |
/// | `WATCHPOST_SMS_GATEWAY_FILE` | path of a `GatewayConfiguration` file | unset: no SMS |
/// | `WATCHPOST_ZALO_GATEWAY_FILE` | path of a `GatewayConfiguration` file (a Zalo bridge) | unset: no Zalo |
/// | `WATCHPOST_ZNS_APP_ID` | Zalo app id; Zalo ZNS is available when set, and wins over the gateway file | unset: no ZNS |
/// | `WATCHPOST_ZNS_SECRET_KEY` | the app's secret key; required with the app id | — |
/// | `WATCHPOST_ZNS_REFRESH_TOKEN` | the first refresh token; required with the app id | — |
/// | `WATCHPOST_ZNS_TEMPLATES_FILE` | the template book | `$WATCHPOST_CONFIG_DIR/zns.yaml`, else `Config/zns.yaml` |
/// | `WATCHPOST_ZNS_API_URL`, `WATCHPOST_ZNS_OAUTH_URL` | Zalo's base URLs (tests) | Zalo's own |
/// | `WATCHPOST_VOICE_API_URL` and the others of `VoiceConfiguration` | the telephony provider's call API | unset: no calls |
public struct ChannelConfiguration: Sendable {
    /// Webhook settings, or `nil` when webhooks are off.
    public var webhook: WebhookConfiguration?
    /// E-mail settings, or `nil` when e-mail is off.
    public var email: EmailConfiguration?
    /// SMS gateway settings, or `nil` when SMS is off.
    public var sms: GatewayConfiguration?
    /// Zalo gateway settings, or `nil` when Zalo goes through ZNS or is off.
    public var zalo: GatewayConfiguration?
    /// Zalo ZNS settings, or `nil` when ZNS is off. When set, `.zalo` deliveries go through
    /// ZNS and `zalo` is not used.
    public var zns: ZNSConfiguration?
    /// The telephony provider's settings, or `nil` when calls are off.
    public var voice: VoiceConfiguration?

    /// Creates a configuration; every channel is off unless given.
    public init(
        webhook: WebhookConfiguration? = nil,
        email: EmailConfiguration? = nil,
        sms: GatewayConfiguration? = nil,
        zalo: GatewayConfiguration? = nil,
        zns: ZNSConfiguration? = nil
    ) {
        self.webhook = webhook
        self.email = email
        self.sms = sms
        self.zalo = zalo
        self.zns = zns
    }

    /// Reads the variables in the table above; gateway files are read now.
    ///
    /// - Throws: `.configuration` naming the variable (or file) that is wrong.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(DeliveryError) -> ChannelConfiguration {
        func value(_ name: String) -> String? {
            environment[name].flatMap { $0.isEmpty ? nil : $0 }
        }
        var configuration = ChannelConfiguration()
        if let secret = value("WATCHPOST_WEBHOOK_SECRET") {
            var webhook = WebhookConfiguration(secret: secret)
            if let seconds = try duration("WATCHPOST_WEBHOOK_TIMEOUT", value, channel: .webhook) {
                webhook.timeout = seconds
                webhook.connectTimeout = seconds
            }
            configuration.webhook = webhook
        }
        if let url = value("WATCHPOST_SMTP_URL") {
            guard let from = value("WATCHPOST_SMTP_FROM") else {
                throw DeliveryError(
                    .configuration,
                    channel: .email,
                    message: "WATCHPOST_SMTP_FROM must be set when WATCHPOST_SMTP_URL is"
                )
            }
            var email = EmailConfiguration(url: url, from: from)
            email.username = value("WATCHPOST_SMTP_USER")
            email.password = value("WATCHPOST_SMTP_PASSWORD")
            if let tls = value("WATCHPOST_SMTP_TLS") {
                guard let mode = EmailConfiguration.TLSMode(rawValue: tls.lowercased()) else {
                    throw DeliveryError(
                        .configuration,
                        channel: .email,
                        message: "WATCHPOST_SMTP_TLS must be none, try or required, not \(tls)"
                    )
                }
                email.tls = mode
            }
            if let seconds = try duration("WATCHPOST_SMTP_TIMEOUT", value, channel: .email) {
                email.timeout = seconds
            }
            configuration.email = email
        }
        if let path = value("WATCHPOST_SMS_GATEWAY_FILE") {
            configuration.sms = try GatewayConfiguration.load(path: path, channel: .sms)
        }
        configuration.zns = try ZNSConfiguration.fromEnvironment(value)
        // ZNS wins: a bridge file left beside it is not read (docs/operations.md, "Zalo ZNS").
        if configuration.zns == nil, let path = value("WATCHPOST_ZALO_GATEWAY_FILE") {
            configuration.zalo = try GatewayConfiguration.load(path: path, channel: .zalo)
        }
        configuration.voice = try VoiceConfiguration.fromEnvironment(environment)
        return configuration
    }

    /// The available channels, by kind; the console channel is always there.
    ///
    /// `environment` supplies the gateways' `{{env:NAME}}` values at send time; `zaloTokens`
    /// is where ZNS keeps its tokens (default: this process only, which suits one worker).
    public func makeChannels(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        console: ConsoleChannel = ConsoleChannel(),
        zaloTokens: (any ZaloTokenStore)? = nil
    ) throws(DeliveryError) -> [ChannelKind: any DeliveryChannel] {
        var channels: [ChannelKind: any DeliveryChannel] = [.console: console]
        if let webhook { channels[.webhook] = WebhookChannel(configuration: webhook) }
        if let email { channels[.email] = try EmailChannel(configuration: email) }
        if let sms { channels[.sms] = GatewayChannel(kind: .sms, configuration: sms, environment: environment) }
        if let zns {
            channels[.zalo] = ZNSChannel(configuration: zns, store: zaloTokens ?? ProcessZaloTokenStore())
        } else if let zalo {
            channels[.zalo] = GatewayChannel(kind: .zalo, configuration: zalo, environment: environment)
        }
        if let voice { channels[.voice] = VoiceChannel(configuration: voice) }
        return channels
    }

    private static func duration(
        _ name: String,
        _ value: (String) -> String?,
        channel: ChannelKind
    ) throws(DeliveryError) -> Duration? {
        guard let text = value(name) else { return nil }
        guard let seconds = Double(text), seconds > 0, seconds <= 3600 else {
            throw DeliveryError(
                .configuration,
                channel: channel,
                message: "\(name) must be a number of seconds (0 < s ≤ 3600), not \(text)"
            )
        }
        return .milliseconds(Int64(seconds * 1000))
    }
}

extension ChannelConfiguration {
    /// The SMS gateway channel the settings in `environment` configure, or `nil` when there is
    /// none or the settings cannot be read (the caller's startup checks report those).
    public static func smsChannelFromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> (any DeliveryChannel)? {
        guard let sms = (try? fromEnvironment(environment))?.sms else { return nil }
        return GatewayChannel(kind: .sms, configuration: sms, environment: environment)
    }
}
