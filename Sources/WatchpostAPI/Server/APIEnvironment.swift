import Foundation
import Kafka
import Logging
import Postgres
import Prometheus
import WatchpostCore
import WatchpostNotify

/// What every route group shares: the configuration, the database pool, the producer, the
/// keys, and the clock. Built once by `APIServer`.
public struct APIEnvironment: Sendable {
    /// The settings, secrets resolved.
    public let settings: ResolvedAPISettings
    /// The organisation tree and officers (`directory.yaml`), as the workers load it.
    public let directory: Directory
    /// The routing policy (`routing.yaml`).
    public let policy: Policy
    /// The database; the API reads it and writes only its own tables (sessions, tokens, …).
    public let pool: PostgresPool
    /// Produces signed events to the events topic; the workers remain the only writers of
    /// incident state.
    public let producer: KafkaProducer
    /// Reads cluster metadata for `/readyz`.
    public let admin: KafkaAdmin
    /// The root logger.
    public let logger: Logger
    /// The clock; tests may pass another.
    public let now: @Sendable () -> Date
    /// The API's metrics, served at `/metrics`.
    public let registry: PrometheusCollectorRegistry
    /// Which channels the delivery settings configure, read once at start from the process
    /// environment as the dispatcher reads them; nil when they cannot be read.
    public let reachability: ReachabilityCheck?
    /// The SMS channel that sends the answers to officers' texts, built once at start from the
    /// delivery settings as the dispatcher builds it; nil when no SMS gateway is configured
    /// (the answers are then recorded, not sent).
    public let smsAnswers: (any DeliveryChannel)?

    /// Creates a value from its parts.
    public init(
        settings: ResolvedAPISettings,
        directory: Directory,
        policy: Policy,
        pool: PostgresPool,
        producer: KafkaProducer,
        admin: KafkaAdmin,
        logger: Logger,
        now: @escaping @Sendable () -> Date = { Date() },
        registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry(),
        reachability: ReachabilityCheck? = try? ReachabilityCheck.fromEnvironment(),
        smsAnswers: (any DeliveryChannel)? = ChannelConfiguration.smsChannelFromEnvironment()
    ) {
        self.smsAnswers = smsAnswers
        self.registry = registry
        self.reachability = reachability
        self.settings = settings
        self.directory = directory
        self.policy = policy
        self.pool = pool
        self.producer = producer
        self.admin = admin
        self.logger = logger
        self.now = now
    }

    /// The event-signing keys.
    public var keyring: EventKeyring { settings.keyring }
}
