import ArgumentParser
import Foundation
import Postgres
import WatchpostCore
import WatchpostPipeline
import WatchpostStore

/// `watchpost status`: the operator's overview — counts, how long the oldest overdue obligation
/// has waited for its escalation, the most overdue obligations, dead deliveries, and the
/// recipients no configured channel can reach.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract:
            "Show the operator's overview: counts, enforcement lateness, overdue obligations, dead deliveries, "
            + "unreachable recipients.",
        discussion: """
            Reads the database (read only) and checks directory.yaml against the channels this \
            environment configures (WATCHPOST_SMTP_URL, WATCHPOST_SMS_GATEWAY_FILE, …). Text is \
            in Vietnamese with English in parentheses; times are Asia/Ho_Chi_Minh. --json prints \
            the same for machines (times in ISO 8601 UTC).
            """
    )

    @OptionGroup var connection: ConnectionOptions

    @Flag(help: "Print JSON instead of text.")
    var json = false

    @Option(help: "How many of the most overdue obligations to list.")
    var overdueLimit = 10

    @Option(help: "How many dead deliveries to list, most recent first.")
    var deadLimit = 20

    func run() async throws {
        let pool = PostgresPool(
            configuration: try connection.database(role: "status"),
            maxConnections: 1
        )
        let overview: OperatorOverview
        do {
            overview = try await OperatorOverview.read(
                from: pool,
                now: Date(),
                overdueLimit: overdueLimit,
                deadLimit: deadLimit
            )
            await pool.close()
        } catch {
            await pool.close()
            throw error
        }
        let status = StatusReport(overview: overview, reachability: reachability())
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.dateEncodingStrategy = .iso8601
            print(String(decoding: try encoder.encode(status), as: UTF8.self))
        } else {
            print(status.text, terminator: "")
        }
    }

    /// The findings, or why they could not be computed (the status is still worth showing).
    private func reachability() -> StatusReport.Reachability {
        let configuration: WatchpostConfiguration
        do {
            configuration = try connection.loadConfiguration()
        } catch {
            return .init(findings: [], problems: error.problems.map(\.description))
        }
        do {
            let check = try ReachabilityCheck.fromEnvironment()
            let findings = check.findings(configuration, directoryFile: connection.directoryFile)
            return .init(findings: findings.map(StatusReport.Finding.init), problems: [])
        } catch {
            return .init(findings: [], problems: ["channel settings: \(error)"])
        }
    }
}
