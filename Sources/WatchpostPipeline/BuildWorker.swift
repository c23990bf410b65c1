import Foundation
import Kafka
import Logging
import Metrics
import Postgres
import Prometheus
import ServiceLifecycle
import WatchpostCore
import WatchpostStore

/// A ready worker: its services in one group, plus what tests and the CLI may want to see.
public struct Worker: Sendable {
    /// The services: consumer loop, deadline enforcer and (if enabled) the metrics endpoint.
    public let serviceGroup: ServiceGroup
    /// The worker's metrics registry (also served at `/metrics`).
    public let registry: PrometheusCollectorRegistry
    /// The configuration it loaded.
    public let configuration: WatchpostConfiguration
    /// The database pool; closed when ``run()`` returns.
    public let pool: PostgresPool

    /// Runs until SIGTERM/SIGINT (or ``ServiceGroup/triggerGracefulShutdown()``): the batch in
    /// hand is finished and committed, the worker leaves the group, and this returns.
    public func run() async throws {
        do {
            try await serviceGroup.run()
        } catch {
            await pool.close()
            throw error
        }
        await pool.close()
    }
}

/// Builds a worker: loads and validates the directory and policy (failing fast with
/// `file:line` messages), migrates the database (safe from several workers at once), syncs the
/// directory, and wires the services. Database outages during start-up are waited out.
///
/// - Parameters:
///   - settings: where things are and how to behave.
///   - handlesSignals: whether SIGTERM and SIGINT start a graceful shutdown; false for
///     workers inside a test process (shut them down with `triggerGracefulShutdown()`).
///   - environment: where the delivery channels are configured (`makeDispatcherService`).
///   - endpoint: makes the service that serves `/metrics`, `/healthz` and `/readyz` on
///     `WorkerSettings.metricsPort` (`OperationsServer.init` of WatchpostOperations); without
///     one, or with port 0, the worker serves no HTTP.
///   - logger: the root logger.
/// - Throws: `ConfigError` for invalid configuration; other errors for permanent failures.
public func buildWorker(
    settings: WorkerSettings,
    handlesSignals: Bool = true,
    environment: [String: String] = ProcessInfo.processInfo.environment,
    endpoint: (@Sendable (WorkerEndpoint) -> any Service)? = nil,
    logger: Logger
) async throws -> Worker {
    guard let keyring = settings.keyring else { throw MissingEventKeys() }
    let configuration = try WatchpostConfiguration.load(
        directoryFile: settings.directoryFile,
        policyFile: settings.policyFile
    )
    // Said at start-up, before any incident needs the people no configured channel reaches.
    let reachability = try ReachabilityCheck.fromEnvironment(environment)
    for finding in reachability.findings(configuration, directoryFile: settings.directoryFile) {
        logger.warning("\(finding.message)", metadata: ["at": "\(finding.file):\(finding.line)"])
    }
    let registry = PrometheusCollectorRegistry()
    let metrics = PipelineMetrics(factory: PrometheusMetricsFactory(registry: registry))
    let retrier = OutageRetrier(backoff: settings.backoff, metrics: metrics, logger: logger)
    let pool = PostgresPool(
        configuration: settings.database,
        maxConnections: settings.databaseConnections,
        logger: logger
    )
    do {
        let applied = try await retrier.run("migrating the database") {
            try await Migrator.migrate(pool, logger: logger)
        }
        logger.info("database migrated", metadata: ["applied": "\(applied)"])
        let report = try await retrier.run("syncing the directory") {
            try await DirectorySync.sync(configuration.directory, pool: pool, now: Date())
        }
        logger.info("directory synced", metadata: ["report": "\(report)"])
    } catch {
        await pool.close()
        throw error
    }

    do {
        try await TopicCheck(settings: settings, retrier: retrier, logger: logger).run()
    } catch {
        await pool.close()
        throw error
    }
    let producer = try KafkaProducer(configuration: settings.producerConfiguration(), logger: logger)
    do {
        // The relay's first escalation must not wait a second for topic discovery (D30).
        try await producer.learn(topics: [settings.eventsTopic, settings.deadLetterTopic], timeout: .seconds(5))
    } catch {
        logger.warning(
            "could not prepare the producer's topics; the first escalation may wait for topic discovery",
            metadata: ["error": "\(error)"]
        )
    }
    let directory = configuration.directory
    var decoder = EventDecoder(knownUnit: { directory.unit($0) != nil })
    decoder.futureTolerance = .seconds(86_400)
    let store = EventStore(pool: pool, directory: directory, policy: configuration.policy, logger: logger)
    let processor = BatchProcessor(
        store: store,
        decoder: decoder,
        authenticator: EventAuthenticator(
            keyring: keyring,
            acceptsUnsignedToolReports: settings.acceptsUnsignedToolReports
        ),
        retrier: retrier,
        metrics: metrics,
        logger: logger
    )
    // Services shut down in reverse order: metrics first, then the consumer loop finishes its
    // batch, then the enforcer, then the outbox relay, and the shared producer is closed last.
    var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
        .init(service: ProducerCloser(producer: producer)),
        .init(
            service: OutboxRelay(
                store: OutboxStore(pool: pool),
                producer: producer,
                deadLetterTopic: settings.deadLetterTopic,
                settings: settings,
                metrics: metrics,
                logger: logger
            ),
            successTerminationBehavior: .gracefullyShutdownGroup,
            failureTerminationBehavior: .gracefullyShutdownGroup
        ),
    ]
    if settings.runsEnforcer {
        let deadlines = DeadlineStore(pool: pool, directory: directory, policy: configuration.policy, logger: logger)
        services.append(
            .init(
                service: EnforcerService(
                    settings: settings,
                    deadlines: deadlines,
                    metrics: metrics,
                    logger: logger
                ),
                successTerminationBehavior: .gracefullyShutdownGroup,
                failureTerminationBehavior: .gracefullyShutdownGroup
            )
        )
    }
    if let retention = configuration.policy.retention, settings.purgeInterval > .zero {
        services.append(
            .init(
                service: RetentionService(
                    store: RetentionStore(pool: pool, logger: logger),
                    retention: retention,
                    settings: settings,
                    logger: logger
                ),
                successTerminationBehavior: .gracefullyShutdownGroup
            )
        )
    }
    if let schedule = configuration.policy.reports, settings.reportInterval > .zero {
        let host = ProcessInfo.processInfo
        let reports = ScheduledReports(
            pool: pool,
            directory: directory,
            schedule: schedule,
            producedBy: "worker:\(host.hostName):\(host.processIdentifier)",
            logger: logger
        )
        services.append(
            .init(
                service: ReportScheduleService(reports: reports, settings: settings, logger: logger),
                successTerminationBehavior: .gracefullyShutdownGroup
            )
        )
    }
    let audit: DeadlineAuditReading? = settings.auditInterval > .zero ? DeadlineAuditReading() : nil
    if let audit {
        services.append(
            .init(
                service: DeadlineAuditService(
                    store: AuditStore(pool: pool),
                    settings: settings,
                    reading: audit,
                    metricsFactory: metrics.factory,
                    logger: logger
                ),
                successTerminationBehavior: .gracefullyShutdownGroup
            )
        )
    }
    // Apart from the dispatcher: the backlog must show when no channel is configured here.
    services.append(
        .init(
            service: DeliveryBacklogService(
                store: DeliveryStore(pool: pool, logger: logger),
                settings: settings,
                metricsFactory: metrics.factory,
                logger: logger
            ),
            successTerminationBehavior: .gracefullyShutdownGroup
        )
    )
    if let dispatcher = try makeDispatcherService(
        settings: settings,
        directory: directory,
        trustedTools: configuration.policy.trustedTools,
        metricsFactory: metrics.factory,
        environment: environment,
        logger: logger
    ) {
        services.append(.init(service: dispatcher, successTerminationBehavior: .gracefullyShutdownGroup))
    }
    services.append(
        .init(
            service: WorkerService(settings: settings, processor: processor, metrics: metrics, logger: logger),
            successTerminationBehavior: .gracefullyShutdownGroup,
            failureTerminationBehavior: .gracefullyShutdownGroup
        )
    )
    if settings.metricsPort != 0, let endpoint {
        services.append(
            .init(
                service: endpoint(
                    WorkerEndpoint(
                        registry: registry,
                        host: settings.metricsHost,
                        port: settings.metricsPort,
                        health: WorkerHealth(
                            pool: pool,
                            membership: metrics.consumerMembership,
                            settings: settings,
                            metricsFactory: metrics.factory,
                            audit: audit,
                            logger: logger
                        ),
                        logger: logger
                    )
                ),
                successTerminationBehavior: .gracefullyShutdownGroup,
                failureTerminationBehavior: .gracefullyShutdownGroup
            )
        )
    }
    var groupConfiguration = ServiceGroupConfiguration(services: services, logger: logger)
    if handlesSignals {
        groupConfiguration.gracefulShutdownSignals = [.sigterm, .sigint]
    }
    return Worker(
        serviceGroup: ServiceGroup(configuration: groupConfiguration),
        registry: registry,
        configuration: configuration,
        pool: pool
    )
}

/// Flushes and closes the shared producer once the services that use it have stopped (it is
/// first in the group, so it is told to shut down last).
struct ProducerCloser: Service {
    let producer: KafkaProducer

    func run() async throws {
        try? await gracefulShutdown()
        await producer.close(timeout: .seconds(10))
    }
}

/// The worker was started without `WATCHPOST_EVENT_KEYS`.
public struct MissingEventKeys: Error, CustomStringConvertible {
    /// The text for logs and messages.
    public var description: String {
        "\(EventKeyring.environmentVariable) is unset: the worker needs the event keys (the same as the API's and "
            + "the CLI's) to verify officers' events and sign its escalations; see docs/security.md"
    }
}
