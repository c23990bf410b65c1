import ArgumentParser
import Foundation
import Postgres
import WatchpostCore
import WatchpostStore

/// `watchpost purge`: removes the details of closed incidents, and the bodies of rejected
/// inputs, once the policy's retention periods have passed (the workers also do this once a
/// day).
struct PurgeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "purge",
        abstract: "Remove the text, links and raw events of closed incidents once the policy's retention "
            + "period has passed (Personal Data Protection Law 91/2025/QH15; Decree 356/2025/NĐ-CP).",
        discussion: """
            Rejected inputs (dead letters) received before the same cutoff lose their body and key; \
            their stage, reason and times stay, and they can no longer be replayed as stored. \
            Figures and the audit trail of who did what stay. \
            Safe to run twice and from several hosts at once: one purge runs at a time, and what \
            was purged is not touched again. Every purge is recorded in the purge_runs table.
            """
    )

    @OptionGroup var connection: ConnectionOptions

    @Flag(name: .customLong("dry-run"), help: "Count what would be removed; change and record nothing.")
    var dryRun = false

    @Option(
        name: .customLong("now"),
        help: "Purge as of this instant (RFC 3339, e.g. 2027-12-01T00:00:00+07:00). Default: the current time."
    )
    var now: String?

    func run() async throws {
        let configuration = try connection.loadConfigurationOrExit()
        guard let retention = configuration.policy.retention else {
            throw CommandFailure(
                "\(connection.policyFile.path) sets no `retention`; nothing is purged without a period in the policy"
            )
        }
        let instant = try purgeInstant()
        let logger = CommandLogging.logger("watchpost.purge", level: nil)
        let pool = PostgresPool(configuration: try connection.database(role: "purge"), maxConnections: 1)
        let run: PurgeRun?
        do {
            run = try await RetentionStore(pool: pool, logger: logger).purge(
                period: retention.studentIncidentDetails,
                otherPeriod: retention.otherIncidentDetails,
                now: instant,
                trigger: .cli,
                runBy: Self.runBy(),
                dryRun: dryRun
            )
            await pool.close()
        } catch {
            await pool.close()
            throw error
        }
        guard let run else { throw CommandFailure("another purge is running; try again when it has finished") }
        var period = "\(retention.studentIncidentDetails)"
        var cutoff = LocalTime.format(run.cutoff, locale: .vi)
        if let other = retention.otherIncidentDetails, let otherCutoff = run.otherCutoff {
            period += "; incidents involving no student \(other)"
            cutoff += "; incidents involving no student before \(LocalTime.format(otherCutoff, locale: .vi))"
        }
        print(
            dryRun
                ? "dry run (period \(period), resolved or rejected before \(cutoff)): would purge \(run.counts)"
                : "purge run \(run.id.map(String.init) ?? "-") (period \(period), resolved or rejected before \(cutoff)): "
                    + "purged \(run.counts)"
        )
    }

    private func purgeInstant() throws -> Date {
        guard let now else { return Date() }
        switch RFC3339.parse(now) {
        case .success(let date): return date
        case .failure(let error): throw ValidationError("--now `\(now)` \(error.reason)")
        }
    }

    /// `cli:<user>@<host>`, as recorded in `purge_runs.run_by`.
    static func runBy() -> String {
        let user = ProcessInfo.processInfo.environment["USER"] ?? "unknown"
        return "cli:\(user)@\(ProcessInfo.processInfo.hostName)"
    }
}
