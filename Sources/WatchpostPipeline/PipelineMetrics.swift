import Kafka
import Metrics
import Synchronization
import WatchpostStore

/// The worker's metrics, made from one factory (a Prometheus registry per worker, so several
/// workers in one test process do not share counters).
public final class PipelineMetrics: Sendable {
    let factory: any MetricsFactory
    /// Messages handed to the worker by the consumer.
    let eventsConsumed: Counter
    /// Valid events stored for the first time.
    let eventsStored: Counter
    /// Copies of refused events that came without their replay mark and were not routed again.
    let replaysRefused: Counter
    /// Time from receiving a batch to committing its offsets.
    let batchLatency: Metrics.Timer
    /// Retries of a batch or an enforcer round after a database error.
    let databaseRetries: Counter
    /// Retries after a broker error (dead letters, escalations, commits).
    let brokerRetries: Counter
    /// `incident.escalated` events the enforcer requested (queued for the relay).
    let escalationsPublished: Counter
    /// Reminder alerts the enforcer wrote.
    let remindersSent: Counter
    /// Dead letters the relay delivered to the dead-letter topic.
    let deadLettersSent: Counter
    /// Dead letters the broker refused for good (the input stays in `rejected_events`).
    let deadLettersRefused: Counter
    /// Open obligations due within the hour.
    let obligationsDue: Gauge
    /// Open obligations past their deadline.
    let obligationsOverdue: Gauge
    /// Outbox messages (escalations, dead letters) waiting for the broker.
    let outboxPending: Gauge
    /// Age in seconds of the oldest outbox message waiting for the broker; 0 when none.
    let outboxOldestSeconds: Gauge
    /// Outbox messages the broker refused for good, kept for the operator.
    let outboxFailed: Gauge
    private let rejected: Mutex<[StoredRejection.Stage: Counter]>
    private let lag: Mutex<[KafkaTopicPartition: Gauge]>
    private let resets: Mutex<[String: Counter]>

    /// Creates the metrics with `factory`.
    public init(factory: any MetricsFactory) {
        self.factory = factory
        eventsConsumed = Counter(label: "watchpost_events_consumed_total", factory: factory)
        eventsStored = Counter(label: "watchpost_events_stored_total", factory: factory)
        replaysRefused = Counter(label: "watchpost_event_replays_refused_total", factory: factory)
        batchLatency = Metrics.Timer(label: "watchpost_batch_duration_seconds", factory: factory)
        databaseRetries = Counter(label: "watchpost_db_retries_total", factory: factory)
        brokerRetries = Counter(label: "watchpost_broker_retries_total", factory: factory)
        escalationsPublished = Counter(label: "watchpost_escalations_published_total", factory: factory)
        remindersSent = Counter(label: "watchpost_reminders_sent_total", factory: factory)
        deadLettersSent = Counter(label: "watchpost_dead_letters_sent_total", factory: factory)
        deadLettersRefused = Counter(label: "watchpost_dead_letters_refused_total", factory: factory)
        obligationsDue = Gauge(label: "watchpost_obligations_due", factory: factory)
        obligationsOverdue = Gauge(label: "watchpost_obligations_overdue", factory: factory)
        outboxPending = Gauge(label: "watchpost_outbox_pending", factory: factory)
        outboxOldestSeconds = Gauge(label: "watchpost_outbox_oldest_seconds", factory: factory)
        outboxFailed = Gauge(label: "watchpost_outbox_failed", factory: factory)
        var rejected: [StoredRejection.Stage: Counter] = [:]
        for stage in StoredRejection.Stage.allCases {
            rejected[stage] = Counter(
                label: "watchpost_events_rejected_total",
                dimensions: [("stage", stage.rawValue)],
                factory: factory
            )
        }
        self.rejected = Mutex(rejected)
        lag = Mutex([:])
        resets = Mutex([:])
    }

    /// Counts rejected inputs of one stage.
    func recordRejected(_ count: Int, stage: StoredRejection.Stage) {
        guard count > 0 else { return }
        rejected.withLock { $0[stage] }?.increment(by: count)
    }

    /// Counts one database or broker retry.
    func recordRetry(after error: any Error) {
        if error is KafkaError {
            brokerRetries.increment()
        } else {
            databaseRetries.increment()
        }
    }

    /// Sets the lag gauge of each partition this worker holds and whose lag is known, and
    /// removes the gauges of the others: a partition given to another worker is that worker's
    /// to report, and one whose lag is not known yet (taken over in a rebalance, before the
    /// group's committed offset is known) would otherwise keep a stale value. A partition
    /// without a sample counts for nothing in the alert rules, which take the max per partition.
    func recordLag(_ partitions: [KafkaPartitionLag]) {
        let known = partitions.compactMap { partition in partition.lag.map { (partition.topicPartition, $0) } }
        let keep = Set(known.map(\.0))
        let removed = lag.withLock { gauges in
            let removed = gauges.filter { !keep.contains($0.key) }
            for partition in removed.keys { gauges[partition] = nil }
            return removed.values
        }
        for gauge in removed { gauge.destroy() }
        for (partition, value) in known {
            let gauge = lag.withLock { gauges in
                if let gauge = gauges[partition] { return gauge }
                let gauge = Gauge(
                    label: Self.lagLabel,
                    dimensions: [("topic", partition.topic), ("partition", String(partition.partition))],
                    factory: factory
                )
                gauges[partition] = gauge
                return gauge
            }
            gauge.record(value)
        }
    }

    /// The lag gauge's name.
    static let lagLabel = "watchpost_consumer_lag"

    /// Counts an offset reset (possible data loss) of a partition.
    func recordOffsetReset(partition: String) {
        let counter = resets.withLock { counters in
            if let counter = counters[partition] { return counter }
            let counter = Counter(
                label: "watchpost_offset_resets_total",
                dimensions: [("partition", partition)],
                factory: factory
            )
            counters[partition] = counter
            return counter
        }
        counter.increment()
    }

    /// Whether the consumer is in its group, for `/readyz`: kept here because the consumer's
    /// event watcher and the metrics endpoint both receive these metrics.
    let consumerMembership = ConsumerMembership()
}
