import Foundation
import Kafka
import Logging
import Postgres
import Testing
import WatchpostCore
import WatchpostStore

#if canImport(Glibc)
    import Glibc
#endif

/// The two limits a worker is compared with, measured in the same run on the same data.
enum BenchCeilings {
    /// How long a bare consumer (a fresh group, nothing else) takes to read `expected` messages,
    /// from its first batch to the last.
    static func consumeOnly(broker: PipelineBroker, expected: Int, batchSize: Int) async throws -> Duration {
        var configuration = KafkaConsumerConfiguration(
            bootstrapBrokers: broker.brokers,
            groupID: "bench-consume-\(UUID().uuidString)",
            topics: [PipelineBroker.eventsTopic]
        )
        configuration.maxBatchSize = batchSize
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
        await consumer.close()
        return elapsed
    }

    /// What the COPY ceiling loaded.
    struct Copied: Sendable {
        var seconds: Double
        /// Rows per table, in load order.
        var rows: [(table: String, rows: Int)]
    }

    /// Loads exactly the rows the worker wrote into `worker` — every table it wrote, in one
    /// transaction, with the same schema, indexes and foreign keys — into a fresh database
    /// prepared as a worker prepares it (migrated, directory synced), with server-side COPY.
    /// Returns the time from BEGIN to COMMIT.
    static func copy(from worker: PipelineDatabase, directory: Directory, folder: URL) async throws -> Copied {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // The server writes and reads the files as its own user.
        _ = chmod(folder.path, 0o777)
        return try await PipelineDatabase.with { ceiling in
            let pool = PostgresPool(configuration: ceiling.configuration, maxConnections: 1)
            _ = try await Migrator.migrate(pool, logger: Logger(label: "bench.ceiling"))
            _ = try await DirectorySync.sync(directory, pool: pool, now: Date())
            await pool.close()

            let source = try await PostgresConnection.connect(configuration: worker.configuration)
            let target = try await PostgresConnection.connect(configuration: ceiling.configuration)
            do {
                let copied = try await load(from: source, into: target, folder: folder)
                await source.close()
                await target.close()
                return copied
            } catch {
                await source.close()
                await target.close()
                throw error
            }
        }
    }

    private static func load(from source: PostgresConnection, into target: PostgresConnection, folder: URL)
        async throws -> Copied
    {
        var tables: [(table: String, rows: Int)] = []
        for table in try await loadOrder(target) {
            let prepared = try await count(table, on: target)
            let written = try await count(table, on: source)
            // Tables the preparation fills (directory, migrations) are not the worker's writes.
            guard prepared == 0, written > 0 else { continue }
            let file = folder.appendingPathComponent("\(table).copy").path
            try await source.executeScript("COPY public.\"\(table)\" TO '\(file)'")
            tables.append((table, written))
        }
        try await target.executeScript("CHECKPOINT")
        let start = ContinuousClock.now
        try await target.transaction { connection in
            for (table, _) in tables {
                let file = folder.appendingPathComponent("\(table).copy").path
                try await connection.executeScript("COPY public.\"\(table)\" FROM '\(file)'")
            }
        }
        let seconds = PipelineBenchmarkTests.seconds(ContinuousClock.now - start)
        for (table, rows) in tables {
            #expect(try await count(table, on: target) == rows, "the COPY ceiling loaded every row of \(table)")
        }
        return Copied(seconds: seconds, rows: tables)
    }

    /// The public tables, every table after the tables its foreign keys point to.
    static func loadOrder(_ connection: PostgresConnection) async throws -> [String] {
        var tables: [String] = []
        for row in try await connection.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
        {
            tables.append(try row.decode(String.self, at: 0))
        }
        var parents: [String: Set<String>] = [:]
        for row in try await connection.query(
            """
            SELECT c.relname, p.relname FROM pg_constraint k
            JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
            WHERE k.contype = 'f' AND c.oid <> p.oid
            """
        ) {
            parents[try row.decode(String.self, at: 0), default: []].insert(try row.decode(String.self, at: 1))
        }
        var ordered: [String] = []
        var placed: Set<String> = []
        while ordered.count < tables.count {
            let ready = tables.filter { !placed.contains($0) && (parents[$0] ?? []).isSubset(of: placed) }
            guard !ready.isEmpty else { throw PipelineTimeout(what: "an order of tables without foreign-key cycles") }
            ordered += ready
            placed.formUnion(ready)
        }
        return ordered
    }

    private static func count(_ table: String, on connection: PostgresConnection) async throws -> Int {
        let rows = try await connection.query(PostgresQuery(unsafeSQL: "SELECT count(*) FROM public.\"\(table)\""))
        return try rows.first?.decode(Int.self, at: 0) ?? 0
    }
}
