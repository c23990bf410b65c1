import Foundation
import Kafka
import Postgres
import Prometheus
import Testing
import WatchpostTestSupport
import WatchpostOperations
import WatchpostPipeline

/// The database-wide delivery gauges come from every worker, whether or not it has a delivery
/// channel; `watchpost_delivery_channels_configured` says which channels a worker sends on.
@Suite("Delivery backlog gauges")
struct DeliveryBacklogGaugeTests {
    /// The value of the sample `name` (with exactly these `labels`, e.g. `{channel="email"}`) in
    /// `registry`'s text; nil when there is none.
    static func sample(_ name: String, labels: String = "", in registry: PrometheusCollectorRegistry) -> Double? {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        let prefix = name + labels + " "
        return String(decoding: buffer, as: UTF8.self).split(separator: "\n")
            .first { $0.hasPrefix(prefix) }
            .flatMap { Double($0.dropFirst(prefix.count)) }
    }

    @Test(
        "a worker with no delivery channel exports the pending and dead deliveries of PostgreSQL",
        .timeLimit(.minutes(6))
    )
    func workerWithoutChannelExportsDeliveryBacklog() async throws {
        try await PipelineDatabase.with { database in
            let broker = try await PipelineBroker(partitions: 2)
            let (directory, _) = try PipelineScenario.shippedConfiguration()
            let settings = PipelineInProcessWorker.settings(broker: broker, database: database)
            // No channel variable at all, whatever the test process was started with.
            let worker = try await buildWorker(
                settings: settings,
                handlesSignals: false,
                environment: [:],
                endpoint: OperationsServer.init,
                logger: PipelineInProcessWorker.logger
            )
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await worker.run() }
                defer { group.cancelAll() }
                for kind in ["webhook", "email", "sms", "zalo", "console"] {
                    #expect(
                        Self.sample(
                            "watchpost_delivery_channels_configured",
                            labels: "{channel=\"\(kind)\"}",
                            in: worker.registry
                        ) == 0
                    )
                }

                let producer = try broker.producer()
                try await PipelineBroker.send(
                    PipelineEnforcerTests.reports(6, seed: 25, directory: directory),
                    with: producer
                )
                await producer.close()
                try await waitUntil("the reports' deliveries are stored", timeout: .seconds(60)) {
                    try await database.count("SELECT count(*) FROM deliveries") >= 6
                }
                // One of them dies, as if its retries had run out elsewhere.
                _ = try await database.rows(
                    "UPDATE deliveries SET status = 'dead' WHERE id = (SELECT min(id::text)::uuid FROM deliveries)"
                )

                let pendingSQL = "SELECT count(*) FROM deliveries WHERE status = 'pending'"
                let deadSQL = "SELECT count(*) FROM deliveries WHERE status = 'dead'"
                try await waitUntil("the worker's gauges equal the deliveries in PostgreSQL", timeout: .seconds(60)) {
                    let pending = try await database.count(pendingSQL)
                    let dead = try await database.count(deadSQL)
                    return pending > 0 && dead == 1
                        && Self.sample("watchpost_deliveries_pending", in: worker.registry) == Double(pending)
                        && Self.sample("watchpost_deliveries_dead", in: worker.registry) == Double(dead)
                }
                #expect(try await database.count("SELECT count(*) FROM delivery_attempts") == 0, "nothing was sent")
                let oldestDue = Self.sample("watchpost_delivery_oldest_due_seconds", in: worker.registry)
                #expect(oldestDue.map { $0 >= 0 } == true)
                await worker.serviceGroup.triggerGracefulShutdown()
                try await group.next()
            }
        }
    }

    @Test("the channels a worker sends on are exported per channel, 1 when configured")
    func configuredChannelsAreExported() throws {
        let settings = WorkerSettings(
            brokers: ["127.0.0.1:1"],
            database: try PostgresConfiguration(conninfo: "host=127.0.0.1 port=1 user=watchpost"),
            configDirectory: PipelinePaths.config
        )
        let (directory, _) = try PipelineScenario.shippedConfiguration()
        func exported(_ environment: [String: String]) throws -> [String: Double] {
            let registry = PrometheusCollectorRegistry()
            _ = try makeDispatcherService(
                settings: settings,
                directory: directory,
                metricsFactory: PrometheusMetricsFactory(registry: registry),
                environment: environment,
                logger: PipelineInProcessWorker.logger
            )
            var values: [String: Double] = [:]
            for kind in ["webhook", "email", "sms", "zalo", "console"] {
                values[kind] = Self.sample(
                    "watchpost_delivery_channels_configured",
                    labels: "{channel=\"\(kind)\"}",
                    in: registry
                )
            }
            return values
        }

        #expect(try exported([:]) == ["webhook": 0, "email": 0, "sms": 0, "zalo": 0, "console": 0])
        #expect(
            try exported(["WATCHPOST_WEBHOOK_SECRET": "a-webhook-secret-of-at-least-32-bytes"])
                == ["webhook": 1, "email": 0, "sms": 0, "zalo": 0, "console": 0]
        )
        #expect(
            try exported(["WATCHPOST_DEV_DELIVERY": "console"])
                == ["webhook": 0, "email": 0, "sms": 0, "zalo": 0, "console": 1]
        )
    }
}
