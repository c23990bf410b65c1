import Foundation
import Postgres
import Synchronization
import Testing
import WatchpostCore
import WatchpostStore

/// `scripts/bench --province` (D63): a province's year written through the real store code on a
/// virtual clock (`ProvinceLoad`), checked by the deadline audit, then the read-side budgets of
/// issue 31 measured on it (`ProvinceReads`). Speed is reported, never tested: it asserts only
/// that the dataset passed the audit and that every step ran.
@Suite("Province benchmark", .serialized)
struct ProvinceBenchmarkTests {
    static var environment: [String: String] { ProcessInfo.processInfo.environment }
    static var enabled: Bool { environment["WATCHPOST_BENCH_PROVINCE"] == "1" }
    static var smoke: Bool { PipelineBenchmarkTests.smoke }
    static var events: Int {
        environment["WATCHPOST_BENCH_PROVINCE_EVENTS"].flatMap(Int.init) ?? (smoke ? 5_000 : 1_000_000)
    }
    static var communes: Int { smoke ? 10 : 100 }
    static let schoolsPerCommune = 10
    static var officers: Int { smoke ? 20 : 200 }
    static var rounds: Int { smoke ? 1 : 5 }
    static var runs: Int { smoke ? 3 : 20 }

    @Test(
        "province benchmark: a year of a province passes the audit and every read-side figure is measured",
        .enabled(if: enabled, "runs only under scripts/bench --province"),
        .timeLimit(.minutes(600))
    )
    func province() async throws {
        let run = try await PipelineBenchmarkTests.describeRun()
        let log = ProvinceLog()
        let province = ProvinceDirectory(communes: Self.communes, schoolsPerCommune: Self.schoolsPerCommune)
        let directory = try province.directory()
        let started = ContinuousClock.now
        let year = ProvinceYear(directory: directory, eventCount: Self.events, seed: 2_026)
        log.note(
            "generated \(year.events.count) events of \(year.incidents) incidents for \(directory.schools.count) "
                + "schools in \(Self.communes) communes in \(Self.elapsed(since: started))"
        )
        let figures = try await PipelineDatabase.with { database in
            let pool = PostgresPool(configuration: database.configuration, maxConnections: 8)
            do {
                let figures = try await Self.measure(
                    pool: pool,
                    province: province,
                    directory: directory,
                    database: database,
                    year: year,
                    log: log
                )
                await pool.close()
                return figures
            } catch {
                await pool.close()
                throw error
            }
        }
        let markdown = Self.markdown(run: run, lines: log.lines, figures: figures)
        print("\n== watchpost bench ==\n" + markdown + "\n== end ==\n")
        if let output = Self.environment["WATCHPOST_BENCH_OUTPUT"] {
            let folder = URL(fileURLWithPath: output, isDirectory: true)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try markdown.write(to: folder.appendingPathComponent("province.md"), atomically: true, encoding: .utf8)
            let json = try JSONEncoder().encode(figures)
            try json.write(to: folder.appendingPathComponent("province.json"))
        }
        #expect(figures.count == 9)
    }

    /// Prepares the database, writes the year, audits it, and measures every read-side figure.
    static func measure(
        pool: PostgresPool,
        province: ProvinceDirectory,
        directory: Directory,
        database: PipelineDatabase,
        year: ProvinceYear,
        log: ProvinceLog
    ) async throws -> [ProvinceReads.Figure] {
        let policy = try ProvinceDirectory.policy()
        let note = log.note
        var figures: [ProvinceReads.Figure] = []
        var started = ContinuousClock.now
        try await ProvinceLoad.prepare(pool, directory: directory, at: ProvinceYear.start.addingTimeInterval(-86_400))
        note("migrated and synced the directory in \(Self.elapsed(since: started))")

        // Building the dataset is not what is measured: its commits skip the wait for the WAL
        // flush (synchronous_commit off, on the loading connections only); the reads that follow
        // run on the durable defaults.
        var loading = database.configuration
        loading.parameters["options"] = "-c synchronous_commit=off"
        let loadPool = PostgresPool(configuration: loading, maxConnections: 2)
        started = ContinuousClock.now
        let load: ProvinceLoad
        do {
            load = try await ProvinceLoad.run(
                year.events,
                directory: directory,
                policy: policy,
                pool: loadPool,
                enforcerLag: 30
            )
            await loadPool.close()
        } catch {
            await loadPool.close()
            throw error
        }
        let loadSeconds = PipelineBenchmarkTests.seconds(ContinuousClock.now - started)
        note(
            String(
                format: "wrote the year in %.0f s (%.0f events/s): %d batches, %d enforcer passes, "
                    + "%d escalation events, %d reminders, %d routing rejections",
                loadSeconds,
                Double(year.events.count) / loadSeconds,
                load.batches,
                load.enforcerPasses,
                load.escalationEvents,
                load.remindersClaimed,
                load.routingRejected
            )
        )
        note("rows: " + (try await Self.rowCounts(pool)))
        note(
            "database size: "
                + (try await Self.scalarText(pool, "SELECT pg_size_pretty(pg_database_size(current_database()))"))
        )

        started = ContinuousClock.now
        let audit = try await AuditStore(pool: pool).audit(since: ProvinceYear.start, now: ProvinceYear.end)
        note(
            "audit in \(Self.elapsed(since: started)): \(audit.deadlinesChecked) deadlines, "
                + "\(audit.remindersChecked) reminders checked, \(audit.exceptions.count) exceptions"
        )
        #expect(audit.isClean, "\(audit.exceptions.prefix(5))")
        _ = try await pool.withConnection { try await $0.execute("ANALYZE") }
        _ = try await pool.withConnection { connection in
            try await connection.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
            return try await connection.execute("SELECT pg_stat_statements_reset()")
        }

        figures += try await ProvinceReads.monthlyReport(pool: pool, directory: directory, runs: Self.runs)
        figures += try await Self.pages(province: province, directory: directory, database: database, pool: pool)
        note("slowest statements of the read phase:\n" + (try await Self.slowStatements(pool)))
        figures += try await ProvinceReads.purge(pool: pool, directory: directory, policy: policy)
        return figures
    }

    /// The web and JSON figures, on `watchpost api` in-process over the province's configuration.
    static func pages(
        province: ProvinceDirectory,
        directory: Directory,
        database: PipelineDatabase,
        pool: PostgresPool
    ) async throws -> [ProvinceReads.Figure] {
        let broker = try await PipelineBroker(partitions: 1)
        let config = try province.configFolder()
        defer { try? FileManager.default.removeItem(at: config) }
        // Heads of schools spread over the province, each with one of their school's incidents.
        let schools = directory.schools.map(\.id)
        let step = max(1, schools.count / officers)
        let chosen = stride(from: 0, to: schools.count, by: step).prefix(officers).map { schools[$0] }
        let rows = try await pool.withConnection { connection in
            try await connection.query(
                "SELECT DISTINCT ON (unit_id) unit_id, id FROM incidents WHERE unit_id = ANY(\(chosen)) ORDER BY unit_id, opened_at DESC"
            ).map { (try $0.decode(String.self, at: 0), try $0.decode(UUID.self, at: 1)) }
        }
        let heads = rows.map { ProvinceDirectory.officer("ht", of: $0.0) }
        let desk = "cv-vhxh-\(ProvinceDirectory.commune(0).slug)"
        let tokens = try await ProvinceClient.tokens(for: heads + [desk], pool: pool)
        let officers = rows.map {
            (token: tokens[ProvinceDirectory.officer("ht", of: $0.0)]!, school: $0.0, incident: $0.1)
        }
        return try await LoopbackAPI.with(
            brokers: broker.brokers,
            database: database,
            configure: { $0.deployment.configDirectory = config }
        ) { _, baseURL in
            let client = ProvinceClient(baseURL: baseURL)
            var figures = try await ProvinceReads.overview(client: client, token: tokens[desk]!, runs: runs)
            figures += try await ProvinceReads.concurrentOfficers(client: client, officers: officers, rounds: rounds)
            return figures
        }
    }

    static func rowCounts(_ pool: PostgresPool) async throws -> String {
        var parts: [String] = []
        for table in ["events", "incidents", "obligations", "alerts", "deliveries", "incident_aliases"] {
            let count = try await scalarText(pool, PostgresQuery(unsafeSQL: "SELECT count(*)::text FROM \(table)"))
            parts.append("\(table) \(count)")
        }
        return parts.joined(separator: ", ")
    }

    static func scalarText(_ pool: PostgresPool, _ query: PostgresQuery) async throws -> String {
        try await pool.withConnection { connection in
            try await connection.query(query).first?.decode(String.self, at: 0) ?? ""
        }
    }

    /// The read phase's statements by their slowest call, from pg_stat_statements.
    static func slowStatements(_ pool: PostgresPool) async throws -> String {
        try await pool.withConnection { connection in
            try await connection.query(
                """
                SELECT calls::text, round(mean_exec_time)::text, round(max_exec_time)::text,
                       left(regexp_replace(query, '\\s+', ' ', 'g'), 140)
                FROM pg_stat_statements WHERE query NOT ILIKE '%pg_stat_statements%'
                ORDER BY max_exec_time DESC LIMIT 10
                """
            ).map {
                "    - calls \(try $0.decode(String.self, at: 0)), mean \(try $0.decode(String.self, at: 1)) ms, "
                    + "max \(try $0.decode(String.self, at: 2)) ms: `\(try $0.decode(String.self, at: 3))`"
            }.joined(separator: "\n")
        }
    }

    static func elapsed(since start: ContinuousClock.Instant) -> String {
        String(format: "%.1f s", PipelineBenchmarkTests.seconds(ContinuousClock.now - start))
    }

    static func markdown(run: BenchReport.Run, lines: [String], figures: [ProvinceReads.Figure]) -> String {
        var out = "## Province scale (\(run.mode))\n\n"
        out += "- \(run.date), `\(run.command)`, commit \(run.commit), \(run.build)\n"
        out +=
            "- \(run.cpus) CPUs (\(run.cpuModel)), \(String(format: "%.1f", run.memoryGB)) GB, PostgreSQL \(run.postgres)\n"
        out += lines.map { "- \($0)\n" }.joined()
        out += "\n| figure | budget | measured | met | note |\n| --- | --- | --- | --- | --- |\n"
        for figure in figures {
            out +=
                "| \(figure.name) | \(figure.budget) | \(figure.measured) | \(figure.met ? "yes" : "**no**") | \(figure.note) |\n"
        }
        return out
    }
}

/// The benchmark's progress lines: kept for the report and shown on standard error as they come.
final class ProvinceLog: Sendable {
    private let kept = Mutex<[String]>([])

    var lines: [String] { kept.withLock { $0 } }

    func note(_ line: String) {
        kept.withLock { $0.append(line) }
        FileHandle.standardError.write(Data("watchpost bench --province: \(line)\n".utf8))
    }
}
