import Foundation
import Kafka
import Testing
import WatchpostTestSupport
import WatchpostCore

/// Worker processes killed with SIGKILL lose nothing and duplicate nothing.
@Suite("Pipeline crash recovery")
struct PipelineCrashTests {
    /// Events in the run; the issue asks for 20 000 (lower with WATCHPOST_TEST_CRASH_EVENTS on a slow machine).
    static var eventCount: Int {
        ProcessInfo.processInfo.environment["WATCHPOST_TEST_CRASH_EVENTS"].flatMap(Int.init) ?? 20_000
    }

    @Test(
        "two worker processes, one killed with SIGKILL 5 times: no event missing, no alert or obligation duplicated",
        .timeLimit(.minutes(12))
    )
    func killedWorkerLosesAndDuplicatesNothing() async throws {
        try await PipelineDatabase.with { database in
            let broker = try await PipelineBroker(partitions: 8)
            let (directory, policy) = try PipelineScenario.shippedConfiguration()
            let scenario = PipelineScenario(count: Self.eventCount, seed: 2_002, directory: directory, policy: policy)
            let expected = scenario.expectation()
            let logs = FileManager.default.temporaryDirectory.appendingPathComponent("watchpost-crash-\(UUID())")
            try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)

            let steady = try PipelineWorkerProcess(
                name: "steady",
                brokers: broker.bootstrap,
                databaseURL: database.url,
                logFolder: logs,
                extraArguments: ["--batch-size", "200"]
            )
            let victim = try PipelineWorkerProcess(
                name: "victim",
                brokers: broker.bootstrap,
                databaseURL: database.url,
                logFolder: logs,
                extraArguments: ["--batch-size", "200"]
            )
            let producer = try broker.producer()
            let messages = scenario.messages()
            // Publishing runs alongside the kills, so workers die mid-batch with work queued.
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    try await PipelineBroker.send(messages, with: producer)
                    await producer.close()
                }
                var random = PipelineRandom(state: 77)
                for kill in 1...5 {
                    // Kill at a random point once the victim has made progress since its start.
                    let floor = try await database.count("SELECT count(*) FROM events")
                    let step = Int64(Int.random(in: 200...(max(400, Self.eventCount / 12)), using: &random))
                    try await waitUntil(
                        "the workers store \(step) more events before kill \(kill)",
                        timeout: .seconds(2 * 60)
                    ) {
                        try await database.count("SELECT count(*) FROM events")
                            >= min(floor + step, Int64(expected.events))
                    }
                    try await victim.kill()
                    try victim.restart()
                }
                try await group.waitForAll()
            }
            try await waitUntil("every event is stored", timeout: .seconds(6 * 60), every: .milliseconds(500)) {
                try await database.count("SELECT count(*) FROM events") >= Int64(expected.events)
            }
            // Let the last batches settle (their alerts and obligations are in the same transaction).
            try await waitUntil("the incidents match the router", timeout: .seconds(1 * 60)) {
                try await database.count("SELECT count(*) FROM obligations") >= Int64(expected.obligations)
            }
            #expect(steady.isRunning, "the steady worker kept running:\n\(steady.logTail())")
            #expect(try await database.count("SELECT count(*) FROM events") == Int64(expected.events))
            #expect(try await database.count("SELECT count(*) FROM incidents") == Int64(expected.incidents))
            #expect(try await database.count("SELECT count(*) FROM alerts") == Int64(expected.alerts))
            #expect(try await database.count("SELECT count(*) FROM obligations") == Int64(expected.obligations))
            #expect(
                try await database.count(
                    "SELECT count(*) FROM (SELECT DISTINCT incident_id, kind, opened_by_event_id, owner_relation FROM obligations) o"
                )
                    == Int64(expected.obligations)
            )
            // One delivery per alert (deliveries.alert_id is unique).
            #expect(
                try await database.count("SELECT count(*) FROM deliveries WHERE alert_id IS NOT NULL")
                    == Int64(expected.alerts)
            )
            #expect(
                try await database.count("SELECT count(*) FROM rejected_events WHERE stage = 'routing'")
                    == Int64(expected.routingRejected)
            )
            #expect(try await steady.terminate() == 0, "SIGTERM exits 0:\n\(steady.logTail())")
            #expect(try await victim.terminate() == 0, "SIGTERM exits 0:\n\(victim.logTail())")
            try? FileManager.default.removeItem(at: logs)
        }
    }
}
