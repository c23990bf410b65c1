import Foundation
import Kafka
import Postgres
import WatchpostCore
import WatchpostStore

/// Everything `watchpost worker` needs: the deployment's shared settings (`deployment`, read
/// through as `settings.brokers`, `settings.keyring`, …) and how batches, the enforcer and
/// metrics behave. Required values go in `init`; every other setting has a documented default.
public struct WorkerSettings: DeploymentScoped, Sendable {
    /// Broker, database, configuration folder, events topic and keys, shared with the API. The
    /// keys verify events and sign the enforcer's escalations: without them no officer or system
    /// event could be accepted.
    public var deployment: DeploymentSettings
    /// The dead-letter topic for invalid input. Default: `watchpost.events.dlq`.
    public var deadLetterTopic = "watchpost.events.dlq"
    /// Partitions of the dead-letter topic when a worker creates it. Default: 1.
    public var deadLetterPartitions = 1
    /// The consumer group every worker joins. Default: `watchpost-workers`.
    public var groupID = "watchpost-workers"
    /// Most messages in one batch (one database transaction). Default: 500.
    public var maxBatchSize = 500
    /// Parallel transactions for one large batch, each taking the batch's events of some of
    /// the partitions (per-incident order holds: an incident lives on one partition). A batch
    /// gets a lane per 100 messages at most. Default: 1: on 2 cores the benchmark measured no
    /// steady gain from 2 (docs/performance.md); more cores may differ.
    public var lanes = 1
    /// Longest time a batch keeps filling while more messages are queued; a batch is handed out
    /// as soon as nothing more is queued, so a lone event does not wait. Default: 100 ms.
    public var maxBatchWait: Duration = .milliseconds(100)
    /// A worker that sends no heartbeat for this long leaves the group and its partitions move
    /// to the others. Default: 45 seconds.
    public var sessionTimeout: Duration = .seconds(45)
    /// How long a worker may hold one batch (retrying through a database or broker outage)
    /// before the group considers it stuck and reassigns its partitions (`max.poll.interval.ms`).
    /// Heartbeats continue meanwhile; past this the worker rejoins at its next poll, and any
    /// batch processed twice is deduplicated by event id. Default: 1 hour.
    public var maxPollInterval: Duration = .seconds(3600)
    /// How long a produced message (dead letter, escalation) may wait for the broker before
    /// the attempt fails and is retried. Default: 30 seconds.
    public var produceTimeout: Duration = .seconds(30)
    /// Connections in the worker's pool (consumer loop, enforcer, outbox relay, health checks). Default: 6.
    public var databaseConnections = 6
    /// Retry back-off after an outage. Default: 100 ms doubling to 10 s, with jitter.
    public var backoff = Backoff()
    /// Whether this worker runs the deadline enforcer. Default: true (every worker does).
    public var runsEnforcer = true
    /// Longest sleep of the enforcer (and of the outbox relay) between two looks, when no NOTIFY
    /// comes first. It bounds how late a deadline can be noticed when a NOTIFY is lost (e.g.
    /// while the listening connection reconnects). Default: 1 second.
    public var enforcerMaxSleep: Duration = .seconds(1)
    /// How often the workers purge details past the policy's retention period (one worker per
    /// period, decided by the database; see `RetentionService`); zero disables it. Default: 1 day.
    public var purgeInterval: Duration = .seconds(86_400)
    /// How often the workers look for a periodic report that is due (each is produced once, by
    /// one worker, decided by the database; see `ReportScheduleService`); zero disables them.
    /// Default: 5 minutes.
    public var reportInterval: Duration = .seconds(300)
    /// How long after its period ends a report waits, for events published before the end to
    /// arrive. Default: 10 minutes.
    public var reportSettle: Duration = .seconds(600)
    /// Most obligations escalated or reminded in one enforcer transaction. Default: 200.
    public var enforcerBatchLimit = 200
    /// Most outbox messages (dead letters, escalations) sent in one relay transaction. Default: 500.
    public var outboxBatchLimit = 500
    /// TCP port of the Prometheus `/metrics` endpoint (and `/healthz`, `/readyz`); 0 disables
    /// it. Default: 9464.
    public var metricsPort = 9464
    /// Address the metrics endpoint binds to. Default: `127.0.0.1`, this host only; `0.0.0.0`
    /// serves it on every interface (for a scraper on another host).
    public var metricsHost = "127.0.0.1"
    /// How long the oldest overdue obligation may wait for its escalation before `/readyz`
    /// reports the worker unready. Default: 60 seconds.
    public var overdueAlarm: Duration = .seconds(60)
    /// How often `/readyz`'s database and deadline checks (and the oldest-overdue gauge) are
    /// refreshed. Default: 2 seconds.
    public var healthCheckInterval: Duration = .seconds(2)
    /// How long PostgreSQL may take to answer a health check before `/readyz` reports it
    /// failing. Default: 2 seconds.
    public var healthCheckTimeout: Duration = .seconds(2)
    /// How often consumer lag and obligation gauges are refreshed. Default: 10 seconds.
    public var gaugeInterval: Duration = .seconds(10)
    /// How often the worker audits the deadlines (D38, `DeadlineAuditService`); zero disables
    /// the audit and its `/readyz` check. Default: 60 seconds.
    public var auditInterval: Duration = .seconds(60)
    /// How far back the worker's periodic audit looks: deadlines and reminders due within it
    /// are checked. Default: 24 hours.
    public var auditWindow: Duration = .seconds(86_400)
    /// How long after a deadline its escalation, or after its instant a reminder, may take
    /// before the audit names it. Default: 60 seconds.
    public var auditGrace: Duration = .seconds(60)
    /// Whether an unsigned `incident.reported` from a tool (kcat, a crawler) is accepted
    /// (`WATCHPOST_ACCEPT_UNSIGNED_TOOL_REPORTS`). Default: true.
    public var acceptsUnsignedToolReports = true
    /// Any other librdkafka consumer property. Default: `fetch.wait.max.ms=100`, so an
    /// escalation published onto an idle partition is fetched within about 100 ms instead of
    /// librdkafka's 500 ms; and a prefetch of at most 5 000 messages or 16 MB
    /// (`queued.min.messages`, `queued.max.messages.kbytes`), ten full batches, instead of
    /// librdkafka's 100 000 messages or 64 MB, which only cost memory: the worker, not the
    /// broker, is the slower side.
    public var consumerProperties: [String: String] = [
        "fetch.wait.max.ms": "100", "queued.min.messages": "5000", "queued.max.messages.kbytes": "16384",
    ]

    /// Creates settings for a deployment.
    public init(deployment: DeploymentSettings) { self.deployment = deployment }

    var connection: KafkaConnectionConfiguration {
        var connection = KafkaConnectionConfiguration(bootstrapBrokers: deployment.brokers)
        connection.clientID = "watchpost-worker"
        connection.additionalProperties = deployment.kafkaProperties
        return connection
    }

    func consumerConfiguration() -> KafkaConsumerConfiguration {
        var configuration = KafkaConsumerConfiguration(
            connection: connection,
            groupID: groupID,
            topics: [deployment.eventsTopic]
        )
        configuration.maxBatchSize = maxBatchSize
        configuration.maxBatchWait = maxBatchWait
        configuration.sessionTimeout = sessionTimeout
        configuration.heartbeatInterval = max(.milliseconds(100), min(.seconds(3), sessionTimeout / 10))
        configuration.maxPollInterval = maxPollInterval
        configuration.autoOffsetReset = .earliest
        configuration.additionalProperties = consumerProperties
        return configuration
    }

    func producerConfiguration() -> KafkaProducerConfiguration {
        var configuration = KafkaProducerConfiguration(connection: connection)
        configuration.messageTimeout = produceTimeout
        return configuration
    }
}
