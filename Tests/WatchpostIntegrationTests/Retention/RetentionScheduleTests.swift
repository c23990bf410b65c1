import Foundation
import Postgres
import Testing
import WatchpostCore
import WatchpostStore

/// Several workers share the retention schedule: the database lets one purge run at a time and
/// one worker-started purge per interval.
@Suite(.timeLimit(.minutes(5)))
struct RetentionScheduleTests {
    static func workerPurge(_ pool: PostgresPool, _ worker: Int, at now: Date) async throws -> PurgeRun? {
        try await RetentionStore(pool: pool, logger: StoreTestDatabase.logger).purge(
            period: try RetentionPurgeTests.period(),
            now: now,
            trigger: .worker,
            runBy: "worker:test:\(worker)",
            batchSize: 1,
            unlessRunSince: now.addingTimeInterval(-86_400)
        )
    }

    @Test func threeWorkersAtOncePurgeEachIncidentOnceAndRecordOneRun() async throws {
        try await StoreTestDatabase.with { pool in
            let history = RetentionHistory()
            try await history.seed(try StoreFixture.eventStore(pool))
            let runs = try await withThrowingTaskGroup(of: PurgeRun?.self) { group in
                for worker in 1...3 { group.addTask { try await Self.workerPurge(pool, worker, at: history.purgeAt) } }
                var runs: [PurgeRun] = []
                for try await run in group { if let run { runs.append(run) } }
                return runs
            }
            #expect(runs.count == 1)
            #expect(runs.map(\.counts.incidents) == [1])
            #expect(
                try await StoreTestDatabase.scalar(pool, "SELECT count(*) FROM purge_runs WHERE trigger = 'worker'")
                    == 1
            )
        }
    }

    @Test func aWorkerPurgesAgainOnlyOnceTheIntervalHasPassed() async throws {
        try await StoreTestDatabase.with { pool in
            let history = RetentionHistory()
            try await history.seed(try StoreFixture.eventStore(pool))
            #expect(try await Self.workerPurge(pool, 1, at: history.purgeAt) != nil)
            #expect(try await Self.workerPurge(pool, 2, at: history.purgeAt.addingTimeInterval(23 * 3_600)) == nil)
            #expect(try await Self.workerPurge(pool, 2, at: history.purgeAt.addingTimeInterval(25 * 3_600)) != nil)
            #expect(try await StoreTestDatabase.scalar(pool, "SELECT count(*) FROM purge_runs") == 2)
        }
    }
}
