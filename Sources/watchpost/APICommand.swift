import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle
import WatchpostAPI
import WatchpostCore
import WatchpostStore

/// `watchpost api`: serve the HTTP API and the web pages until SIGTERM or SIGINT.
struct APICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "api",
        abstract: "Serve the HTTP API and the web pages for officers and monitoring staff.",
        discussion: """
            Reads PostgreSQL and produces signed events to Kafka; the workers stay the only \
            writers of incident state. Production needs WATCHPOST_PUBLIC_URL, \
            WATCHPOST_LINK_SECRET and WATCHPOST_EVENT_KEYS (the same values as the workers); \
            without them the API refuses to start, unless --dev is given.
            """
    )

    @OptionGroup var connection: ConnectionOptions

    @Option(help: "Address to bind. Default: $WATCHPOST_API_HOST, else 127.0.0.1.")
    var host: String?

    @Option(help: "Port to bind. Default: $WATCHPOST_API_PORT, else 8080.")
    var port: Int?

    @Flag(help: "Development mode: generate missing secrets (with a warning). Never in production.")
    var dev = false

    @Option(
        help: "Log level: trace, debug, info, notice, warning, error, critical. Default: $WATCHPOST_LOG_LEVEL or info."
    )
    var logLevel: String?

    func run() async throws {
        let logger = CommandLogging.logger("watchpost.api", level: logLevel)
        let environment = ProcessInfo.processInfo.environment
        var settings = APISettings(deployment: try connection.deployment(role: "api", logger: logger))
        settings.host = host ?? environment["WATCHPOST_API_HOST"].flatMap { $0.isEmpty ? nil : $0 } ?? settings.host
        if let port = try port ?? environment["WATCHPOST_API_PORT"].flatMap({ $0.isEmpty ? nil : $0 }).map(parsePort) {
            settings.port = port
        }
        settings.publicURL = environment["WATCHPOST_PUBLIC_URL"]
        settings.linkSecret = environment["WATCHPOST_LINK_SECRET"]
        settings.smsInboundSecret = environment["WATCHPOST_SMS_INBOUND_SECRET"].flatMap { $0.isEmpty ? nil : $0 }
        settings.voiceToken = environment["WATCHPOST_VOICE_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        settings.devMode = dev
        settings.trustedProxies = try TrustedProxies(parsing: environment["WATCHPOST_TRUSTED_PROXIES"] ?? "")
        if let appID = environment["WATCHPOST_ZNS_APP_ID"], !appID.isEmpty,
            let secret = environment["WATCHPOST_ZNS_WEBHOOK_SECRET"], !secret.isEmpty
        {
            settings.zaloEvents = ZaloEventSettings(appID: appID, secretKey: secret)
        }
        if let text = environment["WATCHPOST_SESSION_IDLE_MINUTES"], !text.isEmpty {
            guard let minutes = Int(text), (1...720).contains(minutes) else {
                throw ValidationError(
                    "WATCHPOST_SESSION_IDLE_MINUTES must be a number of minutes from 1 to 720, not `\(text)`"
                )
            }
            settings.sessionIdleTimeout = .seconds(minutes * 60)
        }
        do {
            settings.keyring = try EventKeyring.fromEnvironment(environment)
        } catch {
            throw ValidationError("\(EventKeyring.environmentVariable): \(error)")
        }
        EventKeys.logHeld(settings.keyring, logger: logger)
        let built: (application: any Service, environment: APIEnvironment)
        do {
            built = try await APIServer.build(settings: settings, logger: logger)
        } catch let error as APISettingsError {
            throw ValidationError(error.description)
        } catch let error as ConfigError {
            CommandLogging.printProblems(error)
            throw ExitCode(1)
        }
        logger.info(
            "api listening",
            metadata: [
                "address": "\(settings.host):\(settings.port)", "public_url": "\(built.environment.settings.publicURL)",
            ]
        )
        let group = ServiceGroup(
            configuration: .init(
                services: [built.application],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            )
        )
        do {
            try await group.run()
        } catch {
            await built.environment.close()
            throw error
        }
        await built.environment.close()
    }

    private func parsePort(_ text: String) throws -> Int {
        guard let port = Int(text), (1...65535).contains(port) else {
            throw ValidationError("WATCHPOST_API_PORT must be a port number, not `\(text)`")
        }
        return port
    }
}
