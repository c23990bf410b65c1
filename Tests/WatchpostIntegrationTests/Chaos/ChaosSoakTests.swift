import Foundation
import Kafka
import Testing
import WatchpostCore

/// The soak of the chaos suite's long mode: events at a steady rate for a long time through two
/// worker processes, with the API answering light traffic, sampling every worker's memory and
/// open files, PostgreSQL's connections, the publish-to-stored latency and the API's response
/// time. Leaks show as lines that climb; the run fails if memory, open files, connections or
/// latency grow past what a warm-up explains, and it plots every series as SVG for
/// docs/reliability.md.
///
/// Long mode only (`scripts/chaos` sets `WATCHPOST_CHAOS_SOAK_SECONDS`): a soak of a few seconds
/// would prove nothing.
@Suite(.serialized)
struct ChaosSoakTests {
    static var seconds: Int? {
        ProcessInfo.processInfo.environment["WATCHPOST_CHAOS_SOAK_SECONDS"].flatMap(Int.init)
    }

    @Test(
        "a long soak at a steady rate: memory, open files and connections stay flat",
        .enabled(if: seconds != nil, "long mode only: scripts/chaos sets WATCHPOST_CHAOS_SOAK_SECONDS"),
        .timeLimit(.minutes(120))
    )
    func steadyLoadKeepsResourcesFlat() async throws {
        let duration = try #require(Self.seconds)
        let rate = ProcessInfo.processInfo.environment["WATCHPOST_CHAOS_SOAK_RATE"].flatMap(Int.init) ?? 300
        let logs = FileManager.default.temporaryDirectory.appendingPathComponent("watchpost-soak-\(UUID())")
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        let samples = try await PipelineDatabase.with { database in
            let broker = try await PipelineBroker(partitions: 8)
            let (directory, policy) = try PipelineScenario.shippedConfiguration()
            let workers = try ChaosWorkers.start(2, broker: broker, database: database, logs: logs)
            return try await ChaosAPI.with(broker: broker, database: database) { api in
                let producer = try broker.producer()
                var samples: [SoakSample] = []
                let start = ContinuousClock.now
                var chunk = 0
                var published = 0
                var probes = SoakProbes()
                while ContinuousClock.now - start < .seconds(duration) {
                    // Ten seconds of events, paced one second at a time (the load generator's
                    // clock, not a synchronisation).
                    chunk += 1
                    let messages = PipelineScenario(
                        count: rate * 10,
                        seed: 90_000 + UInt64(chunk),
                        directory: directory,
                        policy: policy
                    )
                    .messages()
                    var apiMilliseconds: [Double] = []
                    for second in 0..<10 {
                        let tick = ContinuousClock.now
                        let batch = Array(messages[(second * rate)..<((second + 1) * rate)])
                        probes.published(batch.last, at: Date())
                        try await PipelineBroker.send(batch, with: producer)
                        published += rate
                        let asked = ContinuousClock.now
                        _ = try await api.readiness()
                        apiMilliseconds.append(DeadlineDuration.seconds(ContinuousClock.now - asked) * 1_000)
                        try await Task.sleep(until: tick + .seconds(1), clock: .continuous)
                    }
                    let stored = try await database.count("SELECT count(*) FROM events")
                    let latency = try await probes.resolve(in: database)
                    samples.append(
                        SoakSample(
                            elapsed: Double((ContinuousClock.now - start).components.seconds),
                            rss: workers.map { BenchProcess.currentRSS(of: $0.pid) ?? 0 },
                            openFiles: workers.map { BenchProcess.openFiles(of: $0.pid) ?? 0 },
                            connections: Int(
                                try await database.count(
                                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                                )
                            ),
                            backlog: published - Int(stored),
                            latency: latency,
                            apiMilliseconds: apiMilliseconds.max() ?? 0
                        )
                    )
                }
                await producer.close()
                for worker in workers {
                    #expect(worker.exitStatus == nil, "the worker kept running:\n\(worker.logTail())")
                    #expect(try await worker.terminate() == 0)
                }
                return samples
            }
        }
        let report = SoakReport(samples: samples, rate: rate)
        if let folder = ProcessInfo.processInfo.environment["WATCHPOST_CHAOS_OUTPUT"] {
            try Data(report.svg.utf8).write(to: URL(fileURLWithPath: folder).appendingPathComponent("soak.svg"))
        }
        ChaosSettings.record(report.summary)
        for problem in report.growth { Issue.record("the soak grew: \(problem)") }
        try? FileManager.default.removeItem(at: logs)
    }
}
