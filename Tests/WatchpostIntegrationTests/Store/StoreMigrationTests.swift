import Foundation
import Postgres
import Testing
import WatchpostStore

@Suite(.timeLimit(.minutes(5)))
struct StoreMigrationTests {
    @Test func concurrentMigrationsApplyEachVersionOnce() async throws {
        try await StoreTestDatabase.with(prepare: false, maxConnections: 6) { pool in
            let applied = try await withThrowingTaskGroup(of: [Int].self) { group in
                for _ in 0..<5 {
                    group.addTask { try await Migrator.migrate(pool, logger: StoreTestDatabase.logger) }
                }
                var results: [[Int]] = []
                for try await result in group { results.append(result) }
                return results
            }
            // Exactly one caller applied the migrations, every shipped one in order; the others
            // found nothing to do.
            let shipped = try Self.shippedMigrations()
            #expect(shipped.versions.starts(with: [1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]))
            #expect(applied.filter { !$0.isEmpty } == [shipped.versions])
            #expect(applied.filter(\.isEmpty).count == 4)
            #expect(
                try await StoreTestDatabase.scalar(pool, "SELECT count(*) FROM schema_migrations")
                    == shipped.versions.count
            )
            #expect(
                try await StoreTestDatabase.scalar(pool, "SELECT count(*) FROM schema_migrations WHERE version = 1")
                    == 1
            )
            let tables = try await StoreTestDatabase.scalar(
                pool,
                "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
            )
            // Each CREATE TABLE of the files, and schema_migrations.
            #expect(tables == shipped.tables + 1)
            #expect(try await Migrator.migrate(pool, logger: StoreTestDatabase.logger) == [])
        }
    }

    /// The versions of the migration files in the source tree, and how many tables they create.
    static func shippedMigrations() throws -> (versions: [Int], tables: Int) {
        let folder = StoreFixture.repoRoot.appendingPathComponent("Sources/WatchpostStore/Migrations")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".sql") }
            .sorted()
        let versions = files.compactMap { Int($0.prefix { $0.isNumber }) }
        let tables = try files.reduce(0) { count, file in
            let sql = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            return count + sql.split(separator: "\n").filter { $0.uppercased().hasPrefix("CREATE TABLE") }.count
        }
        return (versions, tables)
    }

    @Test func editedAppliedMigrationIsRefused() async throws {
        try await StoreTestDatabase.with { pool in
            let edited = try await pool.withConnection { connection in
                try await connection.execute("UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1")
            }
            #expect(edited == 1)
            let error = await #expect(throws: StoreError.self) {
                try await Migrator.migrate(pool, logger: StoreTestDatabase.logger)
            }
            #expect(error?.code == .migrationChanged)
        }
    }
}
