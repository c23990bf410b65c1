import ArgumentParser
import Foundation
import Postgres
import WatchpostStore

/// `watchpost audit`: did every deadline and reminder due in a window get handled in time?
/// Names each exception; exits 1 when there is one (for cron, CI and monitoring scripts).
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Check that no deadline slipped silently: every overdue obligation met or escalated in time, "
            + "every reminder due sent.",
        discussion: """
            Reads the database (read only, one snapshot). For every obligation deadline that fell \
            between --since and now minus --grace: the obligation was met or cancelled before the \
            deadline or within the grace period after it, or its escalation was recorded within the \
            grace period (the final level of a chain counts once its last level was notified). For \
            every reminder due in that window: it was sent within the grace period, unless the \
            obligation was closed first. Each exception names the obligation, incident, school, \
            kind, owner, deadline, what is missing and how late. Text is in Vietnamese with English \
            in parentheses; times are Asia/Ho_Chi_Minh. --format json prints the same for machines.

            Exit codes: 0 no exception; 1 one or more exceptions; 2 the audit could not run (e.g. \
            the database did not answer); 64 invalid arguments.
            """
    )

    @OptionGroup var connection: ConnectionOptions

    @Option(
        help: ArgumentHelp(
            "Start of the window: a duration back from now (7d, 24h, 90m) or an RFC 3339 instant.",
            valueName: "duration|date"
        )
    )
    var since = AuditSince(argument: "7d")!

    @Option(help: "Seconds an escalation or a reminder may take after it was due.")
    var grace = Int(AuditStore.defaultGrace.components.seconds)

    @Option(help: "Output format: text or json.")
    var format: AuditFormat = .text

    func validate() throws {
        guard grace >= 0 else { throw ValidationError("--grace must be 0 or more seconds") }
    }

    func run() async throws {
        let database = try connection.database(role: "audit")
        let audit: DeadlineAudit
        do {
            audit = try await read(database)
        } catch {
            FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
            throw ExitCode(2)
        }
        let report = AuditReport(audit: audit)
        switch format {
        case .text: print(report.text, terminator: "")
        case .json: print(String(decoding: try report.json(), as: UTF8.self))
        }
        if !audit.isClean { throw ExitCode(1) }
    }

    private func read(_ database: PostgresConfiguration) async throws -> DeadlineAudit {
        let pool = PostgresPool(configuration: database, maxConnections: 1)
        do {
            let now = Date()
            let audit = try await AuditStore(pool: pool).audit(
                since: since.date(now: now),
                now: now,
                grace: .seconds(grace)
            )
            await pool.close()
            return audit
        } catch {
            await pool.close()
            throw error
        }
    }
}

/// `--format`.
enum AuditFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
}
