import Foundation
import Logging
import Metrics
import ServiceLifecycle
import WatchpostStore

/// Every worker's view of the delivery queue: at start and every `WorkerSettings.gaugeInterval`,
/// read the database-wide delivery counts (`DeliveryStore.gauges`) into
/// `watchpost_deliveries_pending`, `watchpost_deliveries_dead` and
/// `watchpost_delivery_oldest_due_seconds`.
///
/// It runs whether or not this worker has a delivery channel, apart from the dispatcher: the
/// backlog matters most when no worker sends at all, and that is when no dispatcher runs.
struct DeliveryBacklogService: Service {
    let store: DeliveryStore
    let interval: Duration
    let backoff: Backoff
    let gauges: DeliveryBacklogGauges
    let logger: Logger

    /// Creates the reader on `store` (the worker's pool), at `settings.gaugeInterval`, recording
    /// into gauges made by `metricsFactory`.
    init(store: DeliveryStore, settings: WorkerSettings, metricsFactory: any MetricsFactory, logger: Logger) {
        self.store = store
        self.interval = settings.gaugeInterval
        self.backoff = settings.backoff
        self.gauges = DeliveryBacklogGauges(factory: metricsFactory)
        self.logger = logger
    }

    func run() async throws {
        let loop = ScheduledLoop(
            what: "delivery backlog reading",
            interval: interval,
            backoff: backoff,
            logger: logger
        )
        await loop.run { try await round() }
    }

    /// One reading, now.
    func round() async throws {
        gauges.record(try await store.gauges(now: Date()))
    }
}

/// The database-wide delivery gauges; every worker reports the same values (rules take the max).
struct DeliveryBacklogGauges: Sendable {
    /// The pending gauge's name.
    static let pendingLabel = "watchpost_deliveries_pending"
    /// The dead gauge's name.
    static let deadLabel = "watchpost_deliveries_dead"
    /// The oldest due delivery's gauge's name.
    static let oldestDueLabel = "watchpost_delivery_oldest_due_seconds"

    /// Deliveries pending (due now or later).
    private let pending: Gauge
    /// Deliveries dead.
    private let dead: Gauge
    /// Seconds the oldest due delivery has been waiting; 0 when none is due.
    private let oldestDue: Gauge

    /// Creates the gauges with `factory`.
    init(factory: any MetricsFactory) {
        pending = Gauge(label: Self.pendingLabel, factory: factory)
        dead = Gauge(label: Self.deadLabel, factory: factory)
        oldestDue = Gauge(label: Self.oldestDueLabel, factory: factory)
    }

    /// Records one reading.
    func record(_ reading: DeliveryGauges) {
        pending.record(reading.pending)
        dead.record(reading.dead)
        oldestDue.record(reading.oldestDueSeconds)
    }
}
