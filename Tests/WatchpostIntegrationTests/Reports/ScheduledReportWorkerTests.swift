import Foundation
import Postgres
import Testing
import WatchpostTestSupport
import WatchpostCore

/// Three `watchpost worker` processes started together on an install 60 days old, each looking
/// for due reports at start: every report of the last week and month exists once, with one
/// delivery per recipient.
@Suite(.timeLimit(.minutes(8)))
struct ScheduledReportWorkerTests {
    @Test func threeWorkerProcessesProduceEachScheduledReportOnce() async throws {
        try await PipelineDatabase.with { database in
            let broker = try await PipelineBroker(partitions: 4)
            let (directory, policy) = try PipelineScenario.shippedConfiguration()
            let schedule = try #require(policy.reports)
            // Installed 60 days ago: the last week and month were running then, so they are due
            // (a fresh install reports no period that ended before it).
            for command in [["migrate"], ["directory", "sync", "--config-dir", PipelinePaths.config.path]] {
                let run = try await PipelineCommandTests.watchpost(command + ["--database-url", database.url])
                #expect(run.status == 0, "\(run.output)")
            }
            _ = try await database.rows("UPDATE units SET created_at = created_at - interval '60 days'")
            let logs = FileManager.default.temporaryDirectory.appendingPathComponent("watchpost-reports-\(UUID())")
            try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
            let workers = try (1...3).map { index in
                try PipelineWorkerProcess(
                    name: "worker-\(index)",
                    brokers: broker.bootstrap,
                    databaseURL: database.url,
                    logFolder: logs
                )
            }
            try await waitUntil("each worker to check the scheduled reports once", timeout: .seconds(120)) {
                workers.allSatisfy { $0.logContains("scheduled reports checked") }
            }
            let reports = schedule.cadences.count * directory.reportingAuthorities.count
            #expect(try await database.count("SELECT count(*) FROM report_runs") == Int64(reports))
            #expect(
                try await database.count(
                    "SELECT count(*) FROM (SELECT 1 FROM report_runs GROUP BY cadence, authority_id) r"
                ) == Int64(reports)
            )
            // Each recipient the policy names, once per report, worked out from the directory.
            var expected = 0
            for (authority, _) in directory.reportingAuthorities {
                for cadence in schedule.cadences {
                    let relations = schedule.recipients[cadence] ?? []
                    expected +=
                        Set(relations.flatMap { directory.officers($0, ofAuthority: authority.id).map(\.id) }).count
                }
            }
            #expect(expected > reports)
            #expect(
                try await database.count("SELECT count(*) FROM deliveries WHERE report_run_id IS NOT NULL")
                    == Int64(expected)
            )
            #expect(
                try await database.count(
                    """
                    SELECT count(*) FROM (SELECT 1 FROM deliveries WHERE report_run_id IS NOT NULL
                                          GROUP BY report_run_id, recipient HAVING count(*) > 1) d
                    """
                ) == 0
            )
            for worker in workers {
                #expect(try await worker.terminate() == 0, "\(worker.logTail())")
            }
        }
    }
}
