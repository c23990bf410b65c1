import ArgumentParser
import Foundation
import Kafka
import Logging
import Postgres
import WatchpostCore
import WatchpostStore

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

    /// Refuses to start while a setting (from the environment or an option) still holds the
    /// example's `CHANGE-ME` placeholder, naming each such setting and never its value. Runs for
    /// every command that has these options, before it connects to anything.
    func validate() throws {
        var settings = ProcessInfo.processInfo.environment
        settings["--database-url"] = databaseURLOption
        settings["--brokers"] = brokersOption
        let problems = PlaceholderSettings.problems(in: settings)
        if !problems.isEmpty { throw ValidationError(problems.joined(separator: "\n")) }
    }

    /// The bootstrap brokers, or a validation error naming the missing setting.
    func brokers() throws -> [String] {
        let raw = brokersOption ?? ProcessInfo.processInfo.environment["WATCHPOST_KAFKA_BROKERS"] ?? ""
        let brokers = raw.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !brokers.isEmpty else {
            throw ValidationError("no Kafka brokers: pass --brokers or set WATCHPOST_KAFKA_BROKERS")
        }
        return brokers
    }

    /// librdkafka properties from `WATCHPOST_KAFKA_PROPERTIES_FILE` and
    /// `WATCHPOST_KAFKA_PROPERTY_<name>` (TLS, SASL, tuning), checked by librdkafka now so a bad
    /// one stops the command at start-up; logs the names that were set, never their values.
    func kafkaProperties(logger: Logger) throws -> [String: String] {
        let overrides: KafkaPropertyOverrides
        var connection = KafkaConnectionConfiguration(bootstrapBrokers: try brokers())
        do {
            overrides = try KafkaPropertyOverrides(
                environment: ProcessInfo.processInfo.environment,
                prefix: "WATCHPOST_KAFKA_PROPERTY_",
                fileVariable: "WATCHPOST_KAFKA_PROPERTIES_FILE"
            )
            connection.additionalProperties = overrides.properties
            try connection.validate(
                managed: KafkaConsumerConfiguration.managedProperties + KafkaProducerConfiguration.managedProperties
            )
        } catch {
            throw ValidationError(
                "Kafka property from WATCHPOST_KAFKA_PROPERTY_* or WATCHPOST_KAFKA_PROPERTIES_FILE: \(error.message)"
            )
        }
        if let name = PlaceholderSettings.offending(in: overrides.properties).first {
            throw ValidationError(
                "Kafka property \(name) still holds the example's placeholder \(PlaceholderSettings.marker): set the real value"
            )
        }
        if !overrides.names.isEmpty {
            logger.info(
                "Kafka properties set by the operator",
                metadata: ["names": "\(overrides.names.joined(separator: ","))"]
            )
        }
        return overrides.properties
    }

    /// The brokers with the operator's librdkafka properties, for a client named `clientID`.
    func kafkaConnection(clientID: String, logger: Logger) throws -> KafkaConnectionConfiguration {
        var connection = KafkaConnectionConfiguration(bootstrapBrokers: try brokers())
        connection.clientID = clientID
        connection.additionalProperties = try kafkaProperties(logger: logger)
        return connection
    }

    /// The database, from a `postgresql://` URL or a libpq conninfo string
    /// (`host=127.0.0.1 port=5432 dbname=watchpost user=watchpost`); a validation error names
    /// a missing or malformed setting. Its connections show as `watchpost-<role>` in
    /// `pg_stat_activity.application_name` unless the setting names an `application_name`.
    func database(role: String) throws -> PostgresConfiguration {
        guard let text = databaseURLOption ?? ProcessInfo.processInfo.environment["WATCHPOST_DATABASE_URL"],
            !text.isEmpty
        else {
            throw ValidationError("no database: pass --database-url or set WATCHPOST_DATABASE_URL")
        }
        do {
            // libpq's own parser takes both forms, so every libpq keyword works in either.
            var configuration = try PostgresConfiguration(conninfo: text)
            configuration.parameters["fallback_application_name"] = "watchpost-\(role)"
            return configuration
        } catch let error as PostgresError {
            let reason = [error.message, error.hint].compactMap { $0 }.joined(separator: " ")
            throw ValidationError("--database-url / WATCHPOST_DATABASE_URL: \(reason)")
        }
    }

    /// The settings every long-running process shares: brokers, the operator's librdkafka
    /// properties, the database (shown as `watchpost-<role>`) and the configuration folder. The
    /// keys are the caller's to read, as the worker and the API require different things of them.
    func deployment(role: String, logger: Logger) throws -> DeploymentSettings {
        var deployment = DeploymentSettings(
            brokers: try brokers(),
            database: try database(role: role),
            configDirectory: configDirectory
        )
        deployment.kafkaProperties = try kafkaProperties(logger: logger)
        return deployment
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
