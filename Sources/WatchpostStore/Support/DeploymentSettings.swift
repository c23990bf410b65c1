import Foundation
import Postgres
import WatchpostCore

/// What every Watchpost process of one deployment shares: where the broker, the database and the
/// configuration are, the events topic, and the event-signing keys. `WorkerSettings` and
/// `APISettings` each hold one and add their own; `watchpost` builds it once from its options.
public struct DeploymentSettings: Sendable {
    /// Kafka bootstrap brokers (`host:port`). Required.
    public var brokers: [String]
    /// librdkafka properties from the operator (TLS, SASL, tuning), for every Kafka client of the
    /// process; applied last. Default: none.
    public var kafkaProperties: [String: String] = [:]
    /// The PostgreSQL server and database. Required.
    public var database: PostgresConfiguration
    /// The folder holding `directory.yaml` and `routing.yaml`. Required.
    public var configDirectory: URL
    /// The incident lifecycle topic. Default: `watchpost.events`.
    public var eventsTopic = "watchpost.events"
    /// The keys that sign and verify events (`WATCHPOST_EVENT_KEYS`, D18).
    public var keyring: EventKeyring?

    /// Creates settings for the given broker, database and configuration folder.
    public init(brokers: [String], database: PostgresConfiguration, configDirectory: URL) {
        self.brokers = brokers
        self.database = database
        self.configDirectory = configDirectory
    }

    /// `directory.yaml` in the configuration folder.
    public var directoryFile: URL { configDirectory.appendingPathComponent("directory.yaml") }
    /// `routing.yaml` in the configuration folder.
    public var policyFile: URL { configDirectory.appendingPathComponent("routing.yaml") }
}

/// The settings of one kind of process, built on the deployment's shared settings, which read
/// through: `settings.brokers` is `settings.deployment.brokers`.
@dynamicMemberLookup
public protocol DeploymentScoped {
    /// The shared settings.
    var deployment: DeploymentSettings { get set }
    /// Creates settings for a deployment, with the process's own defaults.
    init(deployment: DeploymentSettings)
}

extension DeploymentScoped {
    /// Creates settings for the given broker, database and configuration folder.
    public init(brokers: [String], database: PostgresConfiguration, configDirectory: URL) {
        self.init(
            deployment: DeploymentSettings(brokers: brokers, database: database, configDirectory: configDirectory)
        )
    }

    /// A shared setting, read and written through.
    public subscript<Value>(dynamicMember keyPath: WritableKeyPath<DeploymentSettings, Value>) -> Value {
        get { deployment[keyPath: keyPath] }
        set { deployment[keyPath: keyPath] = newValue }
    }

    /// A derived shared setting, such as `directoryFile`.
    public subscript<Value>(dynamicMember keyPath: KeyPath<DeploymentSettings, Value>) -> Value {
        deployment[keyPath: keyPath]
    }
}
