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
            // Exactly one caller applied the migrations; the others found nothing to do.
            #expect(applied.filter { !$0.isEmpty } == [[1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]])
            #expect(applied.filter(\.isEmpty).count == 4)
            #expect(try await StoreTestDatabase.scalar(pool, "SELECT count(*) FROM schema_migrations") == 11)
            #expect(
                try await StoreTestDatabase.scalar(pool, "SELECT count(*) FROM schema_migrations WHERE version = 1")
                    == 1
            )
            let tables = try await StoreTestDatabase.scalar(
                pool,
                "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
            )
            #expect(tables == 25)
            #expect(try await Migrator.migrate(pool, logger: StoreTestDatabase.logger) == [])
        }
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
