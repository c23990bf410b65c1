import Foundation
import Testing
import WatchpostTestSupport

/// The deadline auditor over a chaos run's own database once the run has settled: `watchpost
/// audit --format json` from the built binary, as an operator would run it. Every deadline and
/// reminder that fell due since the run's events began must have been handled in time, kills,
/// stops and outages notwithstanding.
struct ChaosAudit: Decodable {
    var deadlinesChecked: Int
    var escalatedInTime: Int
    var closedInTime: Int
    var remindersChecked: Int
    var exceptions: [Exception]

    /// One slip, as `watchpost audit` names it.
    struct Exception: Decodable, CustomStringConvertible {
        var obligationID: String
        var kind: String
        var level: Int
        var missing: String
        var lateSeconds: Int64
        var description: String { "\(obligationID) \(kind) level \(level): \(missing), \(lateSeconds) s late" }
    }

    /// Audits `database` from `since` (before the first event's instant: `PipelineScenario`
    /// dates its events from an hour back) until a minute ago, the default grace period.
    static func run(_ database: PipelineDatabase, since: Date) async throws -> ChaosAudit {
        let run = try await ChildProcess.capture(
            PipelinePaths.binary().path,
            ["audit", "--database-url", database.url, "--format", "json", "--since", since.formatted(.iso8601)]
        )
        try #require(run.status == 0 || run.status == 1, "watchpost audit exited \(run.status): \(run.stderr)")
        let audit = try JSONDecoder().decode(ChaosAudit.self, from: Data(run.stdout.utf8))
        #expect((run.status == 0) == audit.exceptions.isEmpty, "the exit status follows the exceptions")
        return audit
    }

    /// The audit's line in the chaos report.
    var summary: String {
        "deadlines passed \(deadlinesChecked) (\(escalatedInTime) escalated in time, \(closedInTime) met in time), "
            + "reminders due \(remindersChecked); missed silently \(exceptions.count)"
    }

    /// Checks that nothing slipped, naming the first slips if anything did.
    func expectClean(_ run: String) {
        #expect(exceptions.isEmpty, "\(run): \(exceptions.count) deadline(s) slipped, e.g. \(exceptions.prefix(5))")
    }
}
