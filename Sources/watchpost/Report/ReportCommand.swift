import ArgumentParser
import Foundation
import Postgres
import WatchpostCore
import WatchpostPresentation
import WatchpostPipeline
import WatchpostStore

/// `watchpost report`'s output formats.
enum ReportFormat: String, CaseIterable {
    case md, csv, json, html
}

extension ReportFormat: ExpressibleByArgument {}
extension ReportTable.ID: ExpressibleByArgument {}
extension DisplayLocale: ExpressibleByArgument {}

/// `watchpost report`: the period's figures for the authority and the People's Committee.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract:
            "Report a period: incidents, response times, deadlines met per school and per head, escalations, deadlines missed.",
        discussion: """
            Reads the database (read only). --from and --to are dates (YYYY-MM-DD) in \
            Asia/Ho_Chi_Minh; the period runs from the start of --from to the start of --to, so \
            --from 2026-11-01 --to 2026-12-01 is November. The trend compares with the period of \
            equal length just before. --unit keeps one school, --authority the schools that \
            authority supervised when each incident opened. Formats: md (Markdown), csv (one table, \
            chosen with --table, UTF-8 with a BOM and one header row, durations in minutes), json \
            (times ISO 8601 UTC, durations in seconds), html (a report (báo cáo) laid out for A4 per \
            Decree 30/2020/NĐ-CP: heading, number, date, charts, recipients and signer from \
            directory.yaml in --config-dir; print it to PDF with a browser, see docs/operations.md). \
            The html document is Vietnamese only and marked DỰ THẢO until --number gives the \
            number from the clerk's register; --language en renders a separate English version.
            """
    )

    @OptionGroup var connection: ConnectionOptions

    @Option(help: "First day of the period (YYYY-MM-DD, Asia/Ho_Chi_Minh).")
    var from: String

    @Option(help: "First day after the period (YYYY-MM-DD, Asia/Ho_Chi_Minh).")
    var to: String

    @Option(help: "Only this school (unit id).")
    var unit: String?

    @Option(help: "Only the schools of this education authority (unit id).")
    var authority: String?

    @Option(help: "md, csv, json or html.")
    var format: ReportFormat = .md

    @Option(help: "For html: the number from the clerk's register, e.g. 12 (default: blank, marked DỰ THẢO).")
    var number: String?

    @Option(help: "For html: vi (the official document) or en (a separate English rendering).")
    var language: DisplayLocale = .vi

    @Option(help: "For csv: incidents, schools, heads, deliveries, silent or missed.")
    var table: ReportTable.ID = .schools

    @Option(help: "Write the report to this file instead of standard output.")
    var output: String?

    func validate() throws {
        _ = try scope()
    }

    private func scope() throws -> ReportScope {
        guard let start = ReportScope.localDay(from) else {
            throw ValidationError("--from: not a date YYYY-MM-DD: \(from)")
        }
        guard let end = ReportScope.localDay(to) else { throw ValidationError("--to: not a date YYYY-MM-DD: \(to)") }
        guard start < end else { throw ValidationError("--to must be after --from") }
        return ReportScope(from: start, to: end, unitID: unit, authorityID: authority)
    }

    func run() async throws {
        let pool = PostgresPool(configuration: try connection.database(role: "report"), maxConnections: 1)
        let report: PeriodReport
        do {
            report = try await PeriodReport.read(from: pool, scope: try scope(), now: Date())
            await pool.close()
        } catch {
            await pool.close()
            throw error
        }
        let bytes: Data
        switch format {
        case .md: bytes = Data(report.markdown.utf8)
        case .html:
            // The heading, the recipients and the signer come from directory.yaml.
            let directory = try connection.loadConfigurationOrExit().directory
            let document = ReportDocument(report: report, directory: directory, number: number, date: Date())
            bytes = Data(try document.html(in: language).utf8)
        case .csv: bytes = Data(report.csv(table: table))
        case .json: bytes = try report.json() + Data("\n".utf8)
        }
        if let output {
            do {
                try bytes.write(to: URL(fileURLWithPath: output))
            } catch {
                throw CommandFailure("cannot write \(output): \(error.localizedDescription)")
            }
        } else {
            FileHandle.standardOutput.write(bytes)
        }
    }
}
