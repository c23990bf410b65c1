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
            every needed officer that no channel configured in this environment can reach, and \
            every school where a relation the policy uses reaches nobody, as \
            file:line: warning: message; warnings fail the command only with --strict.
            """
    )

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var warnings: ReachabilityWarningOptions

    func run() async throws {
        let configuration = try connection.loadConfigurationOrExit()
        let count = try warnings.report(configuration, directoryFile: connection.directoryFile)
        print("directory and policy are valid; \(count) reachability warning(s)")
    }
}

/// `--strict`, and printing reachability findings as `file:line: warning: message`.
struct ReachabilityWarningOptions: ParsableArguments {
    @Flag(help: "Exit 1 when some recipient cannot be reached, not only warn.")
    var strict = false

    /// Prints the findings for the channels this environment configures on standard error;
    /// returns how many there were, or throws `ExitCode(1)` with `--strict` when there were any.
    func report(_ configuration: WatchpostConfiguration, directoryFile: URL) throws -> Int {
        let findings: [ReachabilityFinding]
        do {
            findings = try ReachabilityCheck.fromEnvironment().findings(configuration, directoryFile: directoryFile)
        } catch {
            FileHandle.standardError.write(Data("error: channel settings: \(error)\n".utf8))
            throw ExitCode(1)
        }
        for finding in findings {
            FileHandle.standardError.write(Data("\(finding)\n".utf8))
        }
        if strict && !findings.isEmpty { throw ExitCode(1) }
        return findings.count
    }
}
