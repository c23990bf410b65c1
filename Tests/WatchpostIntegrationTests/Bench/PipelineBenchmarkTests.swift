import Foundation
import Kafka
import Postgres
import Testing
import WatchpostCore
import WatchpostPipeline

/// The figures `scripts/bench` reports (docs/performance.md): release worker processes draining
/// a preloaded backlog on durable PostgreSQL, against the COPY and bare-consume ceilings measured
/// in the same run on the same data; publish-to-commit latency at steady offered rates;
/// escalation lateness; worker memory and CPU, and PostgreSQL's CPU. It asserts only that each
/// phase completed with every event stored: speed is reported, never tested.
@Suite("Pipeline benchmark", .serialized)
struct PipelineBenchmarkTests {
    static var environment: [String: String] { ProcessInfo.processInfo.environment }
    static var enabled: Bool { environment["WATCHPOST_BENCH"] != nil }
    static var smoke: Bool { environment["WATCHPOST_BENCH_SMOKE"] == "1" }
    static var eventCount: Int { environment["WATCHPOST_BENCH_EVENTS"].flatMap(Int.init) ?? (smoke ? 2_000 : 100_000) }
    static var latencySeconds: Int {
        environment["WATCHPOST_BENCH_LATENCY_SECONDS"].flatMap(Int.init) ?? (smoke ? 1 : 20)
    }
    static var deadlines: Int { smoke ? 50 : 1_000 }
    static var deadlineWindow: Int { smoke ? 1 : 10 }
    static let batchSize = 500
    /// `--lanes` values for extra one-worker drains (`WATCHPOST_BENCH_COMPARE_LANES`, e.g. "2,4";
    /// default "2"); none in smoke mode.
    static var compareLanes: [Int] {
        (environment["WATCHPOST_BENCH_COMPARE_LANES"] ?? (smoke ? "" : "2")).split(separator: ",").compactMap {
            Int($0)
        }
    }
    static let partitions = 8
    /// The phases to run (`WATCHPOST_BENCH_PHASES`, comma-separated; default all): `drains`
    /// (with both ceilings), `latency` and `escalation`.
    static var phases: Set<String> {
        Set(
            (environment["WATCHPOST_BENCH_PHASES"] ?? "drains,latency,escalation").split(separator: ",").map(
                String.init
            )
        )
    }
    /// The short consumer fetch wait of the extra latency and escalation runs (see
    /// `BenchLatency.fetchWaitEnvironment`); none in smoke mode.
    static var shortFetchWait: Int? { smoke ? nil : 10 }

    @Test(
        "benchmark: drains, ceilings, latency and escalation lateness are measured with every event stored",
        .enabled(if: enabled, "runs only under scripts/bench (WATCHPOST_BENCH=1)"),
        .timeLimit(.minutes(90))
    )
    func benchmark() async throws {
        let (directory, policy) = try PipelineScenario.shippedConfiguration()
        let backlog = BenchBacklog(count: Self.eventCount, seed: 9_009, directory: directory, policy: policy)
        var report = BenchReport(
            run: try await Self.describeRun(),
            backlog: BenchReport.Backlog(
                messages: backlog.messages.count,
                events: backlog.events,
                duplicates: backlog.duplicates,
                invalid: backlog.invalid,
                partitions: Self.partitions,
                batchSize: Self.batchSize
            )
        )
        // Worker logs are kept beside the report (bench.md), else in a folder removed at the end.
        let output = Self.environment["WATCHPOST_BENCH_OUTPUT"].map { URL(fileURLWithPath: $0, isDirectory: true) }
        let logs =
            output?.appendingPathComponent("logs")
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("watchpost-bench-\(UUID())")
        try? FileManager.default.removeItem(at: logs)
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        defer { if output == nil { try? FileManager.default.removeItem(at: logs) } }
        if Self.phases.contains("drains") {
            try await drains(backlog: backlog, directory: directory, logs: logs, into: &report)
        }
        if Self.phases.contains("latency") {
            for (rate, fetchWait) in [(200, nil), (500, nil)] + (Self.shortFetchWait.map { [(500, $0)] } ?? []) {
                report.latency.append(
                    try await BenchLatency.measure(
                        rate: rate,
                        seconds: Self.latencySeconds,
                        fetchWait: fetchWait,
                        directory: directory,
                        policy: policy,
                        logs: logs
                    )
                )
            }
        }
        if Self.phases.contains("escalation") {
            for fetchWait in [nil] + (Self.shortFetchWait.map { [$0] } ?? []) {
                report.escalations.append(
                    try await BenchLatency.escalations(
                        count: Self.deadlines,
                        window: Self.deadlineWindow,
                        fetchWait: fetchWait,
                        directory: directory,
                        logs: logs
                    )
                )
            }
        }

        let markdown = report.markdown()
        print("\n== watchpost bench ==\n" + markdown + "\n== end ==\n")
        if let output {
            try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
            try markdown.write(to: output.appendingPathComponent("bench.md"), atomically: true, encoding: .utf8)
            try report.json().write(to: output.appendingPathComponent("bench.json"), atomically: true, encoding: .utf8)
        }
        if Self.phases.contains("drains") { #expect(report.drains.count == 2 + Self.compareLanes.count) }
        #expect(report.latency.allSatisfy { $0.publishToCommitted.count == $0.offeredPerSecond * $0.seconds })
        #expect(report.escalations.allSatisfy { $0.lateness.count == Self.deadlines })
    }

    /// The throughput drains (1 worker, 2 workers, then 1 worker with other lane counts) and
    /// both ceilings, on a backlog preloaded into a fresh broker.
    func drains(backlog: BenchBacklog, directory: Directory, logs: URL, into report: inout BenchReport) async throws {
        let broker = try await PipelineBroker(partitions: Self.partitions)
        let producer = try broker.producer()
        try await PipelineBroker.send(backlog.messages, with: producer)
        await producer.close()

        let consumed = try await BenchCeilings.consumeOnly(
            broker: broker,
            expected: backlog.messages.count,
            batchSize: Self.batchSize
        )
        report.consumeOnly = BenchReport.Ceiling(
            seconds: Self.seconds(consumed),
            eventsPerSecond: Double(backlog.events) / Self.seconds(consumed),
            rows: [:]
        )

        try await PipelineDatabase.with { database in
            let drain = try await BenchDrain.run(
                workers: 1,
                broker: broker,
                database: database,
                backlog: backlog,
                logs: logs
            )
            report.drains.append(drain.figures)
            report.topStatements = drain.statements
            let copied = try await BenchCeilings.copy(
                from: database,
                directory: directory,
                folder: logs.appendingPathComponent("copy")
            )
            report.copy = BenchReport.Ceiling(
                seconds: copied.seconds,
                eventsPerSecond: Double(backlog.events) / copied.seconds,
                rows: Dictionary(uniqueKeysWithValues: copied.rows.map { ($0.table, $0.rows) })
            )
        }
        try await PipelineDatabase.with { database in
            let drain = try await BenchDrain.run(
                workers: 2,
                broker: broker,
                database: database,
                backlog: backlog,
                logs: logs
            )
            report.drains.append(drain.figures)
        }
        // One worker again with other lane counts, to show what parallel transactions give.
        for lanes in Self.compareLanes {
            try await PipelineDatabase.with { database in
                let drain = try await BenchDrain.run(
                    workers: 1,
                    lanes: lanes,
                    broker: broker,
                    database: database,
                    backlog: backlog,
                    logs: logs
                )
                report.drains.append(drain.figures)
            }
        }
    }

    /// The date, machine, build and database of this run.
    static func describeRun() async throws -> BenchReport.Run {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model = cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
            .map { $0.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "" }
        let meminfo = (try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8)) ?? ""
        let kilobytes =
            meminfo.split(separator: "\n").first { $0.hasPrefix("MemTotal:") }
            .flatMap { $0.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first }
            .flatMap { Double($0) } ?? 0
        let version = try await PipelineDatabase.with { database in
            try await database.scalar("SELECT current_setting('server_version')", as: String.self)
        }
        let settings = try await PipelineDatabase.with { database in
            try await database.scalar(
                """
                SELECT string_agg(name || '=' || setting, ', ' ORDER BY name) FROM pg_settings
                WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes', 'wal_level', 'shared_buffers')
                """,
                as: String.self
            )
        }
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")
        return BenchReport.Run(
            date: formatter.string(from: Date()),
            mode: smoke ? "smoke" : "full",
            command: environment["WATCHPOST_BENCH_COMMAND"] ?? "scripts/bench",
            commit: environment["WATCHPOST_BENCH_COMMIT"] ?? "unknown",
            build: environment["WATCHPOST_BENCH_BUILD"] ?? "unknown",
            cpus: ProcessInfo.processInfo.activeProcessorCount,
            cpuModel: model ?? "unknown",
            memoryGB: kilobytes / 1_048_576,
            postgres: version,
            postgresSettings: settings
        )
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
