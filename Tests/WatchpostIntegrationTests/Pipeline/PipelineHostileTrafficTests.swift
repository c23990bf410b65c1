import Foundation
import Testing
import WatchpostTestSupport
import WatchpostCore

/// Hostile traffic through a live `watchpost worker` process: every hostile message lands in
/// `rejected_events` with a reason at the right stage, every good event is stored exactly once
/// with its text verbatim, and the worker never restarts. `WATCHPOST_CHAOS_HOSTILE` sets the number
/// of hostile messages (default 1 000; `scripts/chaos` runs 10 000).
@Suite("Hostile traffic", .serialized, .timeLimit(.minutes(15)))
struct PipelineHostileTrafficTests {
    static var hostileCount: Int {
        ProcessInfo.processInfo.environment["WATCHPOST_CHAOS_HOSTILE"].flatMap(Int.init) ?? 1_000
    }

    @Test(
        "hostile messages are all rejected with a reason, good events are stored once and verbatim, the worker survives"
    )
    func hostileTrafficIsRejectedAndTheWorkerSurvives() async throws {
        try await PipelineDatabase.with { database in
            let broker = try await PipelineBroker(partitions: 4)
            let logs = FileManager.default.temporaryDirectory.appendingPathComponent("watchpost-hostile-\(UUID())")
            try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
            let traffic = HostileTraffic(hostileCount: Self.hostileCount, runID: database.name)
            let hostile = traffic.messages.compactMap(\.stage)
            let worker = try PipelineWorkerProcess(
                name: "hostile",
                brokers: broker.bootstrap,
                databaseURL: database.url,
                logFolder: logs,
                extraArguments: ["--batch-size", "200"]
            )
            let pid = worker.pid
            let producer = try broker.producer()
            try await PipelineBroker.send(traffic.messages.map(\.message), with: producer)
            await producer.close()

            try await waitUntil(
                "every message is stored or rejected",
                timeout: .seconds(10 * 60),
                every: .milliseconds(500)
            ) {
                let stored = try await database.count("SELECT count(*) FROM events")
                let rejected = try await database.count("SELECT count(*) FROM rejected_events")
                return stored >= Int64(traffic.good.count) && rejected >= Int64(hostile.count)
            }

            #expect(worker.isRunning && worker.pid == pid, "the worker never exited: \(worker.logTail())")
            #expect(!worker.logContains("Fatal error") && !worker.logContains("Crash"), "\(worker.logTail())")
            try await Self.expectRejections(hostile, database)
            try await Self.expectGoodEventsStoredOnceVerbatim(traffic.good, database)
            _ = try await worker.terminate()
            let stages = Dictionary(grouping: hostile, by: { $0 }).map { "\($0.value.count) at \($0.key)" }.sorted()
            ChaosSettings.record(
                "hostile: \(hostile.count) hostile messages among \(traffic.good.count) good events; "
                    + "rejected with a reason: \(stages.joined(separator: ", ")); good events stored once and verbatim; "
                    + "same worker process throughout"
            )
        }
    }

    /// One row per hostile message (no dedup: each offset is its own row), a reason on every row,
    /// and the count of each stage as sent.
    private static func expectRejections(_ stages: [String], _ database: PipelineDatabase) async throws {
        #expect(try await database.count("SELECT count(*) FROM rejected_events") == Int64(stages.count))
        #expect(try await database.count("SELECT count(*) FROM rejected_events WHERE btrim(reason) = ''") == 0)
        #expect(
            try await database.count("SELECT count(*) FROM rejected_events WHERE jsonb_array_length(problems) = 0") == 0
        )
        for stage in Set(stages).sorted() {
            let rows = try await database.count("SELECT count(*) FROM rejected_events WHERE stage = '\(stage)'")
            #expect(rows == Int64(stages.count { $0 == stage }), "rows at stage \(stage)")
        }
    }

    /// Each good event stored once, with its summary and source id exactly as sent.
    private static func expectGoodEventsStoredOnceVerbatim(_ good: [Event], _ database: PipelineDatabase) async throws {
        #expect(try await database.count("SELECT count(*) FROM events") == Int64(good.count))
        let rows = try await database.rows("SELECT event_id, source_id, payload->'data'->>'summary' FROM events")
        var stored: [UUID: (source: String, summary: String)] = [:]
        for row in rows {
            stored[try row.decode(UUID.self, at: 0)] = (
                try row.decode(String.self, at: 1), try row.decode(String.self, at: 2)
            )
        }
        for event in good {
            guard case .reported(let body) = event.payload, let row = stored[event.eventID] else {
                Issue.record("event \(event.eventID) is not stored")
                continue
            }
            #expect(row.source == event.source.id && row.summary == body.summary, "stored verbatim: \(row)")
        }
    }
}
