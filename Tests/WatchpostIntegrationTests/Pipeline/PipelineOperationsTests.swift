import Foundation
import Kafka
import Logging
import Postgres
import Testing
import WatchpostTestSupport
import WatchpostCore
import WatchpostStore

#if canImport(Glibc)
    import Glibc
#endif

@testable import WatchpostPipeline

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// What operators rely on: a poison event never blocks its partition, metrics are served,
/// offset resets are read right, and back-off stays within its bounds.
@Suite("Pipeline operations")
struct PipelineOperationsTests {
    @Test(
        "an event the database refuses is isolated by bisection, recorded as rejected, and the rest is stored; /metrics serves the counters",
        .timeLimit(.minutes(5))
    )
    func poisonEventIsIsolatedAndTheRestStored() async throws {
        try await PipelineDatabase.with { database in
            // Migrate first, then make the database refuse one kind of event for good.
            let pool = PostgresPool(configuration: database.configuration, maxConnections: 1)
            _ = try await Migrator.migrate(pool, logger: PipelineInProcessWorker.logger)
            try await pool.withConnection { connection in
                try await connection.executeScript(
                    "ALTER TABLE events ADD CONSTRAINT test_poison CHECK (source_id <> 'poison-tool')"
                )
            }
            await pool.close()

            let broker = try await PipelineBroker(partitions: 1)
            let (directory, policy) = try PipelineScenario.shippedConfiguration()
            let scenario = PipelineScenario(count: 120, seed: 7_007, directory: directory, policy: policy)
            var poison = PipelineEnforcerTests.reports(1, seed: 77, directory: directory)[0]
            poison.value = Array(
                String(decoding: poison.value, as: UTF8.self)
                    .replacingOccurrences(of: "\"monitor-tool\"", with: "\"poison-tool\"").utf8
            )
            var messages = scenario.messages()
            messages.insert(poison, at: 60)

            var settings = PipelineInProcessWorker.settings(broker: broker, database: database)
            settings.metricsPort = try Self.freePort()
            settings.metricsHost = "127.0.0.1"
            try await PipelineInProcessWorker.with(1, settings: settings) { workers in
                let producer = try broker.producer()
                // One partition and one wave: the poison lands inside a batch of good events.
                for message in messages { _ = try await producer.send(message) }
                await producer.close()
                try await waitUntil("the good events are stored", timeout: .seconds(90)) {
                    try await database.count("SELECT count(*) FROM events") >= Int64(scenario.events.count)
                }
                try await waitUntil("the poison event is recorded", timeout: .seconds(30)) {
                    try await database.count(
                        "SELECT count(*) FROM rejected_events WHERE reason LIKE '%database refused%'"
                    ) == 1
                }
                // Recorded under the stage that refused it (D10), with the event it was.
                #expect(
                    try await database.count(
                        "SELECT count(*) FROM rejected_events WHERE stage = 'store' AND event_id IS NOT NULL"
                    ) == 1
                )
                // The counters move once the batch has committed.
                let endpoint = "http://127.0.0.1:\(settings.metricsPort)/metrics"
                try await waitUntil("/metrics counts the refused event", timeout: .seconds(30)) {
                    try await Self.get(endpoint).contains("watchpost_events_rejected_total{stage=\"store\"} 1")
                }
                let metrics = try await Self.get(endpoint)
                #expect(metrics.contains("watchpost_events_consumed_total 121"))
                #expect(metrics.contains("watchpost_batch_duration_seconds"))
                // The outbox gauges are served (the dead letter may still be on its way).
                #expect(metrics.contains("watchpost_outbox_pending "))
                #expect(metrics.contains("watchpost_outbox_oldest_seconds "))
                _ = workers
            }
            #expect(try await database.count("SELECT count(*) FROM events") == Int64(scenario.events.count))
            #expect(
                try await database.count("SELECT count(*) FROM incidents") == Int64(scenario.expectation().incidents)
            )
            let letters = try await broker.deadLetters(expected: 1, timeout: .seconds(30))
            #expect(letters.contains { PipelineBroker.header("stage", $0) == "store" && $0.value == poison.value })
        }
    }

    @Test("librdkafka's offset-reset text gives the lost offset and where the consumer went")
    func offsetResetTextIsParsed() {
        let text = "watchpost.events [3]: offset reset (at offset 1000, broker 1) to offset BEGINNING: fetch failed"
        let detail = OffsetResetDetail(text)
        #expect(detail.fromOffset == 1000)
        #expect(detail.target == "BEGINNING")
        let watermarks = KafkaPartitionLag(
            topicPartition: KafkaTopicPartition(topic: "watchpost.events", partition: 3),
            lowWatermark: 4000,
            highWatermark: 9000,
            position: nil,
            committed: nil
        )
        #expect(detail.resumeOffset(watermarks) == 4000)
        #expect(OffsetResetDetail("… (at offset 5, broker 1) to offset END: …").resumeOffset(watermarks) == 9000)
    }

    @Test("back-off doubles from 100 ms to a 10 s cap, with jitter in the upper half, and resets")
    func backoffDoublesToItsCapWithJitter() {
        var backoff = Backoff()
        var random = PipelineRandom(state: 1)
        var ceilings: [Duration] = []
        for _ in 0..<12 {
            let ceiling = backoff.ceiling
            let delay = backoff.nextDelay(using: &random)
            #expect(delay >= ceiling / 2 && delay <= ceiling)
            ceilings.append(ceiling)
        }
        #expect(ceilings.first == .milliseconds(100))
        #expect(ceilings[1] == .milliseconds(200))
        #expect(ceilings.last == .seconds(10))
        backoff.reset()
        #expect(backoff.ceiling == .milliseconds(100))
    }

    /// A loopback port nothing listens on, for a server the test starts next. It is drawn from
    /// below the kernel's ephemeral range (32768 and up on Linux), where the kernel never hands
    /// out the local port of an outgoing connection: a port from `bind(0)` is in that range, and
    /// any connection on the machine may take it before the server binds it.
    static func freePort() throws -> Int {
        for _ in 0..<200 {
            let port = Int.random(in: 20_000..<32_768)
            if canBind(port) { return port }
        }
        throw PipelineTimeout(what: "a free port below the ephemeral range")
    }

    private static func canBind(_ port: Int) -> Bool {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let length = socklen_t(MemoryLayout<sockaddr_in>.size)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 }
        }
    }

    static func get(_ url: String) async throws -> String {
        guard let address = URL(string: url) else { throw PipelineTimeout(what: "a valid URL \(url)") }
        let (data, _) = try await URLSession.shared.data(from: address)
        return String(decoding: data, as: UTF8.self)
    }
}
