import Logging
import Prometheus

/// What the worker's operations endpoint serves: the metrics registry and the health probe,
/// and where to listen. `buildWorker` hands it to the endpoint's maker, which lives outside the
/// worker library (`OperationsServer`, WatchpostOperations).
public struct WorkerEndpoint: Sendable {
    /// The registry `/metrics` emits.
    public let registry: PrometheusCollectorRegistry
    /// The address to listen on.
    public let host: String
    /// The port to listen on.
    public let port: Int
    /// The probe `/readyz` reads; the endpoint runs it.
    public let health: WorkerHealth
    /// The worker's logger.
    public let logger: Logger

    /// An endpoint's description.
    public init(registry: PrometheusCollectorRegistry, host: String, port: Int, health: WorkerHealth, logger: Logger) {
        self.registry = registry
        self.host = host
        self.port = port
        self.health = health
        self.logger = logger
    }
}
