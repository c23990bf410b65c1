import Foundation
import Logging
import Metrics
import Postgres
import WatchpostCore
import WatchpostPresentation
import WatchpostNotify
import WatchpostStore

/// Builds the worker's delivery dispatcher from the environment, with a database pool of its
/// own (closed when the service stops), or returns `nil` when no delivery channel is configured
/// at all: deliveries then stay pending for a worker that has channels, rather than dying.
/// Either way it records the channels configured in `watchpost_delivery_channels_configured`.
///
/// Reads the channel variables of `ChannelConfiguration.fromEnvironment` and:
///
/// | variable | meaning | default |
/// | --- | --- | --- |
/// | `WATCHPOST_PUBLIC_URL` | the API's public base URL, for acknowledge links | `http://127.0.0.1:8080` |
/// | `WATCHPOST_LINK_SECRET` | the acknowledge link key (≥ 32 bytes); also opens the sign-in messages the API seals | a random key per process (links then only verify, and sign-in messages only open, if the API shares it: set it!) |
/// | `WATCHPOST_SMS_INBOUND_SECRET` | set when the SMS gateway posts officers' answers to the API: texts then carry a reply code | unset: no reply codes |
/// | `WATCHPOST_DEV_DELIVERY` | development override: `console,webhook:http://127.0.0.1:PORT/` sends every delivery to those targets instead of the officers' addresses | unset |
///
/// With the override, webhooks are signed with `WATCHPOST_WEBHOOK_SECRET`, or with
/// `watchpost-dev` when it is unset.
/// `trustedTools` are the policy's `trusted_tools`: the tools whose summaries alerts may quote.
/// - Throws: `DeliveryError` or `AcknowledgeLinkError` for a wrong setting.
public func makeDispatcherService(
    settings: WorkerSettings,
    directory: Directory,
    trustedTools: Set<String> = [],
    metricsFactory: (any MetricsFactory)? = nil,
    environment: [String: String] = ProcessInfo.processInfo.environment,
    logger: Logger
) throws -> DispatcherService? {
    var channelConfiguration = try ChannelConfiguration.fromEnvironment(environment)
    var dispatcher = DispatcherSettings(database: settings.database)
    dispatcher.devTargets = try DevDeliveryTargets.parse(environment: environment)
    let configured = dispatcher.devTargets.map { Set($0.targets.map(\.kind)) } ?? channelConfiguration.kinds
    metricsFactory.map(DeliveryChannelsGauge.init(factory:))?.record(configured: configured)
    if let targets = dispatcher.devTargets {
        if channelConfiguration.webhook == nil, targets.targets.contains(where: { $0.kind == .webhook }) {
            channelConfiguration.webhook = WebhookConfiguration(secret: "watchpost-dev")
        }
        logger.warning(
            "WATCHPOST_DEV_DELIVERY is set: every delivery goes to the development targets, not to officers",
            metadata: ["targets": "\(targets.label)"]
        )
    } else if configured.isEmpty {
        logger.warning("no delivery channel is configured; deliveries stay pending (see WATCHPOST_SMTP_URL and others)")
        return nil
    }
    // ZNS tokens live in PostgreSQL so that every worker shares one refresh-token chain; one
    // connection of their own, so a refresh never holds up claiming and recording.
    let tokenPool =
        channelConfiguration.zns == nil
        ? nil : PostgresPool(configuration: settings.database, maxConnections: 1, logger: logger)
    let channels = try channelConfiguration.makeChannels(
        environment: environment,
        zaloTokens: tokenPool.map { DatabaseZaloTokenStore(rows: ZaloTokenRows(pool: $0)) }
    )
    let secret: String
    if let configured = environment[AcknowledgeLinkSigner.environmentVariable], !configured.isEmpty {
        secret = configured
    } else {
        secret = (0..<4).map { _ in String(UInt64.random(in: .min ... .max), radix: 16) }.joined(separator: "-")
        logger.warning("WATCHPOST_LINK_SECRET is unset: acknowledge links are signed with a random key")
    }
    let signer = try AcknowledgeLinkSigner(
        baseURL: environment["WATCHPOST_PUBLIC_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? "http://127.0.0.1:8080",
        secret: secret
    )
    var renderer = AlertRenderer(signer: signer)
    renderer.trustedTools = trustedTools
    renderer.smsReplies = !(environment[SMSInbound.secretVariable] ?? "").isEmpty
    let pool = PostgresPool(
        configuration: settings.database,
        maxConnections: dispatcher.databaseConnections,
        logger: logger
    )
    return DispatcherService(
        store: DeliveryStore(pool: pool, logger: logger),
        directory: directory,
        channels: channels,
        renderer: renderer,
        settings: dispatcher,
        metrics: metricsFactory.map(DispatcherMetrics.init(factory:)),
        signInSeal: SignInMessageSeal(secret: secret),
        logger: logger,
        onExit: {
            await pool.close()
            await tokenPool?.close()
        }
    )
}

extension ChannelConfiguration {
    /// The channel kinds configured for officers' deliveries.
    fileprivate var kinds: Set<ChannelKind> {
        var kinds: Set<ChannelKind> = []
        if webhook != nil { kinds.insert(.webhook) }
        if email != nil { kinds.insert(.email) }
        if sms != nil { kinds.insert(.sms) }
        if zalo != nil || zns != nil { kinds.insert(.zalo) }
        if voice != nil { kinds.insert(.voice) }
        return kinds
    }
}
