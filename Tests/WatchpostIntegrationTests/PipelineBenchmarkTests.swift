import Foundation
import Kafka
import Postgres
import Testing
import WatchpostCore
import WatchpostPipeline

/// The figures `scripts/bench` prints: worker throughput (decode + applyBatch + commit) against
/// baselines measured in the same run on the same rows — raw `COPY` into PostgreSQL and
/// consume-only from Kafka — and escalation latency after the deadline.
@Suite("Pipeline benchmark", .serialized)
struct PipelineBenchmarkTests {
    static var enabled: Bool { ProcessInfo.processInfo.environment["WATCHPOST_BENCH"] != nil }
    static var eventCount: Int {
        ProcessInfo.processInfo.environment["WATCHPOST_BENCH_EVENTS"].flatMap(Int.init) ?? 20_000
    }

    @Test(
        "benchmark: worker throughput against COPY and consume-only, and escalation latency",
        .enabled(if: enabled, "runs only under scripts/bench (WATCHPOST_BENCH=1)"),
        .timeLimit(.minutes(20))
    )
    func throughputAndEscalationLatency() async throws {
        let (directory, policy) = try PipelineScenario.shippedConfiguration()
        let scenario = PipelineScenario(count: Self.eventCount, seed: 9_009, directory: directory, policy: policy)
        let messages = scenario.messages()
        var report: [String] = []

        try await PipelineDatabase.with { database in
            let broker = try await PipelineBroker(partitions: 8)
            let producer = try broker.producer()
            let publishStart = ContinuousClock.now
            try await PipelineBroker.send(messages, with: producer)
            await producer.close()
            report.append(Self.rate("publish (test producer)", messages.count, ContinuousClock.now - publishStart))

            let consumeOnly = try await Self.consumeOnly(broker: broker, expected: messages.count)
            report.append(Self.rate("baseline: Kafka consume-only", messages.count, consumeOnly))

            let copy = try await Self.copyBaseline(database: database, messages: messages, scenario: scenario)
            report.append(Self.rate("baseline: PostgreSQL COPY of the same rows", messages.count, copy))

            let settings = PipelineInProcessWorker.settings(broker: broker, database: database)
            let (pipeline, measured) = try await PipelineInProcessWorker.with(1, settings: settings) { _ in
                try await Self.timeUntilStored(database: database, count: messages.count)
            }
            report.append(Self.rate("worker pipeline (1 worker, batches of 500)", measured, pipeline))
            report.append(
                String(
                    format: "ratio pipeline / consume-only: %.3f",
                    (Double(measured) / Self.seconds(pipeline)) / (Double(messages.count) / Self.seconds(consumeOnly))
                )
            )
            report.append(
                String(
                    format: "ratio pipeline / COPY:         %.3f",
                    (Double(measured) / Self.seconds(pipeline)) / (Double(messages.count) / Self.seconds(copy))
                )
            )
        }

        let folder = try PipelineEnforcerTests.configFolder(acknowledgeDeadline: "3s")
        defer { try? FileManager.default.removeItem(at: folder) }
        try await PipelineDatabase.with { database in
            let broker = try await PipelineBroker(partitions: 4)
            let settings = PipelineInProcessWorker.settings(broker: broker, database: database, configDirectory: folder)
            try await PipelineInProcessWorker.with(2, settings: settings) { _ in
                let producer = try broker.producer()
                try await PipelineBroker.send(
                    PipelineEnforcerTests.reports(300, seed: 9, directory: directory),
                    with: producer
                )
                await producer.close()
                try await waitUntil("300 escalations", timeout: .seconds(120)) {
                    try await database.count("SELECT count(*) FROM events WHERE type = 'incident.escalated'") >= 300
                }
            }
            for fraction in [0.5, 0.99, 1.0] {
                let seconds = try await database.scalar(
                    PostgresQuery(
                        unsafeSQL: """
                            SELECT percentile_cont(\(fraction)) WITHIN GROUP (ORDER BY extract(epoch FROM received_at - occurred_at))::float8
                            FROM events WHERE type = 'incident.escalated'
                            """
                    ),
                    as: Double.self
                )
                report.append(
                    String(format: "escalation stored after its deadline, p%g: %.0f ms", fraction * 100, seconds * 1000)
                )
            }
        }
        print("\n== watchpost bench (\(Self.eventCount) events) ==\n" + report.joined(separator: "\n") + "\n")
        #expect(report.count >= 8)
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func rate(_ label: String, _ count: Int, _ duration: Duration) -> String {
        String(
            format: "%@: %d events in %.2f s = %.0f events/s",
            label,
            count,
            seconds(duration),
            Double(count) / seconds(duration)
        )
    }

    /// Reads every message once with a fresh group; nothing else.
    static func consumeOnly(broker: PipelineBroker, expected: Int) async throws -> Duration {
        var configuration = KafkaConsumerConfiguration(
            bootstrapBrokers: broker.brokers,
            groupID: "bench-consume",
            topics: [PipelineBroker.eventsTopic]
        )
        configuration.maxBatchWait = .milliseconds(100)
        let consumer = try KafkaConsumer(configuration: configuration)
        var seen = 0
        var start: ContinuousClock.Instant?
        for try await batch in consumer.batches {
            if start == nil { start = .now }
            seen += batch.messages.count
            if seen >= expected { break }
        }
        let elapsed = ContinuousClock.now - (start ?? .now)
        let lows = try await consumer.lag().map(\.lowWatermark)
        await consumer.close()
        #expect(lows.allSatisfy { $0 == 0 }, "the embedded broker dropped data (low watermarks \(lows))")
        return elapsed
    }

    /// COPYs the rows the worker would insert into `events` into a table of the same shape.
    static func copyBaseline(database: PipelineDatabase, messages: [KafkaProducerMessage], scenario: PipelineScenario)
        async throws -> Duration
    {
        let connection = try await PostgresConnection.connect(configuration: database.configuration)
        try await connection.executeScript(
            """
            CREATE TABLE bench_copy (event_id uuid PRIMARY KEY, incident_id uuid, type text, occurred_at timestamptz,
                unit_id text, source_kind text, source_id text, payload jsonb, topic text, "partition" int,
                "offset" bigint, received_at timestamptz)
            """
        )
        let now = Date()
        let rows: [[(any PostgresEncodable)?]] = zip(scenario.events, messages).enumerated().map { index, pair in
            let (event, message) = pair
            return [
                event.eventID, event.incidentID, event.type.rawValue, event.occurredAt, event.unitID,
                event.source.kind.rawValue, event.source.id, String(decoding: message.value, as: UTF8.self),
                PipelineBroker.eventsTopic, Int32(index % 8), Int64(index), now,
            ]
        }
        let start = ContinuousClock.now
        try await connection.transaction { connection in
            _ = try await connection.copyFrom(
                table: "bench_copy",
                columns: [
                    "event_id", "incident_id", "type", "occurred_at", "unit_id", "source_kind", "source_id",
                    "payload", "topic", "partition", "offset", "received_at",
                ],
                rows: rows
            )
        }
        let elapsed = ContinuousClock.now - start
        await connection.close()
        return elapsed
    }

    /// The time from the first stored event to the last, and how many were stored meanwhile.
    static func timeUntilStored(database: PipelineDatabase, count: Int) async throws -> (Duration, Int) {
        var start: ContinuousClock.Instant?
        var already: Int64 = 0
        try await waitUntil("the worker stores \(count) events", timeout: .seconds(900), every: .milliseconds(50)) {
            let stored = try await database.count("SELECT count(*) FROM events")
            if start == nil, stored > 0 {
                start = .now
                already = stored
            }
            return stored >= Int64(count)
        }
        return (ContinuousClock.now - (start ?? .now), count - Int(already))
    }
}
