import ArgumentParser
import Foundation

/// Where the broker, the database and the configuration are; shared by every subcommand.
///
/// Each option falls back to an environment variable, so operators set them once
/// (see `Config/watchpost.env.example`); secrets are never taken from the repository.
struct ConnectionOptions: ParsableArguments {
    @Option(
        name: .customLong("brokers"),
        help: "Kafka bootstrap brokers, comma-separated. Default: $WATCHPOST_KAFKA_BROKERS."
    )
    var brokersOption: String?

    @Option(
        name: .customLong("database-url"),
        help: "PostgreSQL URL or conninfo. Default: $WATCHPOST_DATABASE_URL."
    )
    var databaseURLOption: String?

    @Option(
        name: .customLong("config-dir"),
        help: "Folder holding directory.yaml and routing.yaml. Default: $WATCHPOST_CONFIG_DIR, else ./Config."
    )
    var configDirectoryOption: String?

    /// The bootstrap brokers, or a validation error naming the missing setting.
    func brokers() throws -> [String] {
        let raw = brokersOption ?? ProcessInfo.processInfo.environment["WATCHPOST_KAFKA_BROKERS"] ?? ""
        let brokers = raw.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !brokers.isEmpty else {
            throw ValidationError("no Kafka brokers: pass --brokers or set WATCHPOST_KAFKA_BROKERS")
        }
        return brokers
    }

    /// The database URL or conninfo, or a validation error naming the missing setting.
    func databaseURL() throws -> String {
        guard let url = databaseURLOption ?? ProcessInfo.processInfo.environment["WATCHPOST_DATABASE_URL"],
            !url.isEmpty
        else {
            throw ValidationError("no database: pass --database-url or set WATCHPOST_DATABASE_URL")
        }
        return url
    }

    /// The configuration folder.
    var configDirectory: URL {
        let path = configDirectoryOption ?? ProcessInfo.processInfo.environment["WATCHPOST_CONFIG_DIR"] ?? "Config"
        return URL(fileURLWithPath: path, isDirectory: true)
    }

    /// `directory.yaml` in the configuration folder.
    var directoryFile: URL { configDirectory.appendingPathComponent("directory.yaml") }

    /// `routing.yaml` in the configuration folder.
    var policyFile: URL { configDirectory.appendingPathComponent("routing.yaml") }
}
