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
                let config = PipelinePaths.config.path
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

    @Test func purgedRejectedInputIsCountedByPurgeAndRefusedByDLQReplayWithTheReason() async throws {
        try await PipelineDatabase.with { database in
            let pool = PostgresPool(configuration: database.configuration, maxConnections: 2)
            do {
                try await Migrator.migrate(pool, logger: StoreTestDatabase.logger)
                let history = RetentionHistory()
                let id = try await RetentionHistory.insertRejected(pool, receivedAt: StoreFixture.t0)
                let now = RFC3339.format(history.purgeAt, utcOffsetMinutes: 7 * 60)
                let config = PipelinePaths.config.path
                let options = ["--database-url", database.url, "--config-dir", config]

                let purge = try await PipelineCommandTests.watchpost(["purge", "--now", now] + options)
                #expect(purge.status == 0, "\(purge.output)")
                #expect(
                    purge.output.contains("purged incidents=0 evidence=0 events=0 rejected_events=1"),
                    "\(purge.output)"
                )
                let show = try await PipelineCommandTests.watchpost(["dlq", "show", "\(id)"] + options)
                #expect(show.output.contains("value: removed under the retention policy"), "\(show.output)")
                #expect(!show.output.contains(RetentionHistory.summary), "\(show.output)")

                let replay = try await PipelineCommandTests.watchpost(
                    ["dlq", "replay", "--id", "\(id)", "--by", "test", "--brokers", "127.0.0.1:9"] + options
                )
                #expect(replay.status != 0, "\(replay.output)")
                #expect(
                    replay.output.contains(
                        "rejected event #\(id) cannot be replayed: its body was removed under the retention policy"
                    ),
                    "\(replay.output)"
                )
                #expect(try await database.count("SELECT count(*) FROM dead_letter_replays") == 0)
                await pool.close()
            } catch {
                await pool.close()
                throw error
            }
        }
    }
}
