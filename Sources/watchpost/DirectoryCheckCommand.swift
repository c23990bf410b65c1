import ArgumentParser
import Foundation
import WatchpostCore
import WatchpostPipeline

/// `watchpost directory check`: validates directory.yaml and routing.yaml without a database,
/// and warns about recipients no configured channel can reach.
struct DirectoryCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate directory.yaml and routing.yaml and warn about recipients nobody can reach.",
        discussion: """
            Prints every problem as file:line: message and exits 1 if there is any. Then prints \
            every needed officer that no channel configured in this environment can reach, \
            every school where a relation the policy uses reaches nobody, and every school \
            without a monitor, as file:line: warning: message; warnings fail the command only \
            with --strict.
            """
    )

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var warnings: ReachabilityWarningOptions

    func run() async throws {
        let configuration = try connection.loadConfigurationOrExit()
        let count = try warnings.report(configuration, directoryFile: connection.directoryFile)
        print("directory and policy are valid; \(count) warning(s)")
    }
}

/// `--strict`, and printing reachability findings and schools without a monitor as
/// `file:line: warning: message`.
struct ReachabilityWarningOptions: ParsableArguments {
    @Flag(help: "Exit 1 when some recipient cannot be reached or some school has no monitor, not only warn.")
    var strict = false

    /// Prints the findings for the channels this environment configures, then the schools
    /// without a monitor, on standard error; returns how many warnings there were, or throws
    /// `ExitCode(1)` with `--strict` when there were any.
    func report(_ configuration: WatchpostConfiguration, directoryFile: URL) throws -> Int {
        let findings: [ReachabilityFinding]
        do {
            findings = try ReachabilityCheck.fromEnvironment().findings(configuration, directoryFile: directoryFile)
        } catch {
            FileHandle.standardError.write(Data("error: channel settings: \(error)\n".utf8))
            throw ExitCode(1)
        }
        let unmonitored = MonitorCheck.warnings(directory: configuration.directory, file: directoryFile.path)
        let warnings = findings.map(\.description) + unmonitored.map(\.description)
        for warning in warnings {
            FileHandle.standardError.write(Data("\(warning)\n".utf8))
        }
        if strict && !warnings.isEmpty { throw ExitCode(1) }
        return warnings.count
    }
}
