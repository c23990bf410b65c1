import ArgumentParser
import Postgres
import WatchpostStore

/// `watchpost migrate`: applies the database migrations this version ships.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply pending database migrations (safe to run twice, and from several hosts at once)."
    )

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let logger = CommandLogging.logger("watchpost.migrate", level: nil)
        let pool = PostgresPool(
            configuration: try connection.database(role: "migrate"),
            maxConnections: 1
        )
        do {
            let applied = try await Migrator.migrate(pool, logger: logger)
            await pool.close()
            print(
                applied.isEmpty
                    ? "database is up to date"
                    : "applied migrations: \(applied.map(String.init).joined(separator: ", "))"
            )
        } catch {
            await pool.close()
            throw error
        }
    }
}
