import Foundation
import Postgres
import Testing
import WatchpostCore
import WatchpostStore

/// `watchpost purge`, run from the built binary with the shipped configuration.
@Suite(.timeLimit(.minutes(5)))
struct RetentionCommandTests {
    @Test func purgeCommandCountsInADryRunThenPurgesAndRecordsItselfAsTheCLI() async throws {
        try await PipelineDatabase.with { database in
            let pool = PostgresPool(configuration: database.configuration, maxConnections: 2)
            do {
                try await Migrator.migrate(pool, logger: StoreTestDatabase.logger)
                try await DirectorySync.sync(try StoreFixture.directory(), pool: pool, now: StoreFixture.t0)
                let history = RetentionHistory()
                try await history.seed(try StoreFixture.eventStore(pool))
                let now = RFC3339.format(history.purgeAt, utcOffsetMinutes: 7 * 60)
                let config = StoreFixture.repoRoot.appendingPathComponent("Config").path
                let common = ["--database-url", database.url, "--config-dir", config, "--now", now]

                let dry = try await PipelineCommandTests.watchpost(["purge", "--dry-run"] + common)
                #expect(dry.status == 0, "\(dry.output)")
                #expect(dry.output.contains("would purge incidents=1 evidence=2 events=5"), "\(dry.output)")
                let real = try await PipelineCommandTests.watchpost(["purge"] + common)
                #expect(real.status == 0, "\(real.output)")
                #expect(real.output.contains("purged incidents=1 evidence=2 events=5"), "\(real.output)")

                let runs =
                    "SELECT count(*) FROM purge_runs WHERE trigger = 'cli' AND run_by LIKE 'cli:%' AND incidents = 1"
                #expect(try await database.count(runs) == 1)
                await pool.close()
            } catch {
                await pool.close()
                throw error
            }
        }
    }
}
