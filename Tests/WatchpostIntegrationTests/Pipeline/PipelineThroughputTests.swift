import Foundation
import Kafka
import Testing
import WatchpostTestSupport
import WatchpostCore
import WatchpostPipeline

/// Many events from several producers end in exactly the rows the pure router predicts.
@Suite("Pipeline throughput and idempotence")
struct PipelineThroughputTests {
    @Test(
        "5 000 mixed events from 3 producers give the router's counts, and publishing them again changes nothing",
        .timeLimit(.minutes(8))
    )
    func mixedEventsFromThreeProducersMatchTheRouter() async throws {
        try await PipelineDatabase.with { database in
            try await run(database)
        }
    }

    private func run(_ database: PipelineDatabase) async throws {
        let broker = try await PipelineBroker()
        let (directory, policy) = try PipelineScenario.shippedConfiguration()
        let scenario = PipelineScenario(count: 5_000, seed: 4_001, directory: directory, policy: policy)
        let expected = scenario.expectation()
        let parts = scenario.messages(splitInto: 3)
        let settings = PipelineInProcessWorker.settings(broker: broker, database: database)

        try await PipelineInProcessWorker.with(2, settings: settings) { workers in
            try await publish(parts, broker: broker)
            try await waitUntil("5 000 events are stored", timeout: .seconds(4 * 60), every: .milliseconds(250)) {
                try await database.count("SELECT count(*) FROM events") >= Int64(expected.events)
            }
            try await waitUntil("every message is consumed", timeout: .seconds(1 * 60)) {
                PipelineInProcessWorker.counter("watchpost_events_consumed_total", in: workers) >= 5_000
            }
            let first = try await counts(database)
            #expect(first == expected, "first round: \(first) vs router: \(expected)")

            // The same messages again: consumed, deduplicated, nothing changes.
            try await publish(parts, broker: broker)
            try await waitUntil(
                "the repeated messages are consumed",
                timeout: .seconds(3 * 60),
                every: .milliseconds(250)
            ) {
                PipelineInProcessWorker.counter("watchpost_events_consumed_total", in: workers) >= 10_000
            }
            let second = try await counts(database)
            #expect(second == expected, "after republishing: \(second) vs router: \(expected)")
        }
    }

    private func publish(_ parts: [[KafkaProducerMessage]], broker: PipelineBroker) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for part in parts {
                let producer = try broker.producer()
                group.addTask {
                    try await PipelineBroker.send(part, with: producer)
                    await producer.close()
                }
            }
            try await group.waitForAll()
        }
    }

    private func counts(_ database: PipelineDatabase) async throws -> PipelineExpectation {
        PipelineExpectation(
            events: Int(try await database.count("SELECT count(*) FROM events")),
            incidents: Int(try await database.count("SELECT count(*) FROM incidents")),
            alerts: Int(try await database.count("SELECT count(*) FROM alerts")),
            obligations: Int(try await database.count("SELECT count(*) FROM obligations")),
            routingRejected: Int(
                try await database.count("SELECT count(*) FROM rejected_events WHERE stage = 'routing'")
            )
        )
    }
}
