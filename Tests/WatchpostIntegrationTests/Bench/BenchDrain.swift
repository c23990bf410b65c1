import Foundation
import Postgres
import Testing
import WatchpostTestSupport

/// One drain of the preloaded backlog by worker processes, under a consumer group of its own.
enum BenchDrain {
    struct Result: Sendable {
        var figures: BenchReport.Drain
        /// Markdown rows of the statements that took most time, when pg_stat_statements is loaded.
        var statements: [String]
    }

    /// The arguments every benchmark worker gets besides broker, database and configuration.
    static func arguments(group: String, lanes: Int? = nil, logLevel: String = "warning") -> [String] {
        ["--group", group, "--batch-size", "\(PipelineBenchmarkTests.batchSize)", "--log-level", logLevel]
            + (lanes.map { ["--lanes", "\($0)"] } ?? [])
    }

    /// Starts `workers` workers on `database` (fresh), with `lanes` parallel transactions each
    /// (nil: the worker's default), waits until every event of `backlog` is
    /// stored and every invalid message recorded, and reads their figures before stopping them.
    static func run(
        workers: Int,
        lanes: Int? = nil,
        broker: PipelineBroker,
        database: PipelineDatabase,
        backlog: BenchBacklog,
        logs: URL
    ) async throws -> Result {
        let statements = try await resetStatements(database)
        let postgresData = PipelineBenchmarkTests.environment["WATCHPOST_BENCH_PGDATA"]
        let postgresBefore = postgresData.flatMap(BenchProcess.postgresCPUSeconds) ?? .nan
        let group = "bench-drain-\(UUID().uuidString.prefix(8))"
        let processes = try (0..<workers).map { index in
            try PipelineWorkerProcess(
                name: "drain-\(workers)-\(index)",
                brokers: broker.bootstrap,
                databaseURL: database.url,
                logFolder: logs,
                extraArguments: arguments(group: group, lanes: lanes)
            )
        }
        do {
            try await waitUntil(
                "\(workers) worker(s) drain the backlog",
                timeout: .seconds(3_600),
                every: .milliseconds(250)
            ) {
                // The statistics' insert count is nearly free to read and trails by at most a
                // second; only once it is there does an exact count (a scan) confirm it.
                let inserted = try await database.count(
                    "SELECT coalesce(sum(n_tup_ins), 0)::int8 FROM pg_stat_user_tables WHERE relname = 'events'"
                )
                guard inserted >= backlog.events else { return false }
                let stored = try await database.count("SELECT count(*) FROM events")
                let refused = try await database.count("SELECT count(*) FROM rejected_events WHERE stage = 'decode'")
                return stored >= backlog.events && refused >= backlog.invalid
            }
            let usages = processes.compactMap { BenchProcess.usage(of: $0.pid) }
            let postgresAfter = postgresData.flatMap(BenchProcess.postgresCPUSeconds) ?? .nan
            let top = statements ? try await topStatements(database) : []
            for process in processes { _ = try await process.terminate() }
            #expect(usages.count == workers, "every worker was still running at the end of the drain")
            #expect(try await database.count("SELECT count(*) FROM events") == Int64(backlog.events))

            let window = try await database.rows(
                """
                WITH c AS (SELECT pg_xact_commit_timestamp(xmin) AS t FROM events)
                SELECT extract(epoch FROM max(t) - min(t))::float8,
                       count(*) FILTER (WHERE t = (SELECT min(t) FROM c))::int8
                FROM c
                """
            )
            let row = try #require(window.first)
            let seconds = try row.decode(Double.self, at: 0)
            let firstBatch = try row.decode(Int.self, at: 1)
            let thousands = Double(backlog.events) / 1_000
            return Result(
                figures: BenchReport.Drain(
                    workers: workers,
                    lanes: lanes,
                    seconds: seconds,
                    eventsPerSecond: Double(backlog.events - firstBatch) / seconds,
                    peakRSSMB: usages.map { Double($0.peakRSS) / 1_048_576 },
                    workerCPUSecondsPer1000: usages.map(\.cpuSeconds).reduce(0, +) / thousands,
                    postgresCPUSecondsPer1000: (postgresAfter - postgresBefore) / thousands
                ),
                statements: top
            )
        } catch {
            for process in processes where process.isRunning { _ = try? await process.terminate() }
            for process in processes { print("worker log \(process.logFile.lastPathComponent):\n\(process.logTail())") }
            throw error
        }
    }

    /// Makes pg_stat_statements count this drain alone; false when the server does not load it.
    private static func resetStatements(_ database: PipelineDatabase) async throws -> Bool {
        let loaded = try await database.scalar(
            "SELECT current_setting('shared_preload_libraries') LIKE '%pg_stat_statements%'",
            as: Bool.self
        )
        guard loaded else { return false }
        _ = try await database.rows("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
        _ = try await database.rows("SELECT pg_stat_statements_reset()::text")
        return true
    }

    /// The ten statements of this database that took the most time, as Markdown table rows.
    private static func topStatements(_ database: PipelineDatabase) async throws -> [String] {
        var lines: [String] = []
        for row in try await database.rows(
            """
            SELECT calls, total_exec_time, mean_exec_time, rows, left(regexp_replace(query, '\\s+', ' ', 'g'), 110)
            FROM pg_stat_statements
            WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
            ORDER BY total_exec_time DESC LIMIT 10
            """
        ) {
            let query = try row.decode(String.self, at: 4).replacingOccurrences(of: "|", with: "\\|")
            lines.append(
                String(
                    format: "| %d | %.0f | %.2f | %d | `%@` |",
                    try row.decode(Int.self, at: 0),
                    try row.decode(Double.self, at: 1),
                    try row.decode(Double.self, at: 2),
                    try row.decode(Int.self, at: 3),
                    query
                )
            )
        }
        return lines
    }
}
