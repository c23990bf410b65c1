import ArgumentParser
import Foundation
import Postgres
import WatchpostCore
import WatchpostPipeline
import WatchpostStore

/// `watchpost directory …`: the organisation tree in the database.
struct DirectoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "directory",
        abstract: "Validate and sync the directory.",
        subcommands: [DirectorySyncCommand.self, DirectoryCheckCommand.self]
    )
}

/// `watchpost directory sync`: validates directory.yaml and routing.yaml, then writes the
/// directory to the database (units and officers that left are retired, history is kept).
struct DirectorySyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Validate directory.yaml and routing.yaml; if both are valid, sync the directory to the database.",
        discussion: """
            Prints every problem as file:line: message and exits 1 if there is any. Recipients no \
            configured channel can reach are warnings (see `directory check`).
            """
    )

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var warnings: ReachabilityWarningOptions

    func run() async throws {
        let configuration = try connection.loadConfigurationOrExit()
        _ = try warnings.report(configuration, directoryFile: connection.directoryFile)
        let logger = CommandLogging.logger("watchpost.directory", level: nil)
        let pool = PostgresPool(
            configuration: try connection.database(role: "directory"),
            maxConnections: 1
        )
        do {
            _ = try await Migrator.migrate(pool, logger: logger)
            let report = try await DirectorySync.sync(configuration.directory, pool: pool, now: Date())
            await pool.close()
            print(report)
        } catch {
            await pool.close()
            throw error
        }
    }
}
