import Metrics

/// The dispatcher's metrics, from the worker's metrics factory. The database-wide delivery
/// gauges are `DeliveryBacklogService`'s: every worker exports them, dispatcher or not.
public final class DispatcherMetrics: Sendable {
    /// Deliveries accepted by a receiver.
    let delivered: Counter
    /// Attempts that failed and will be retried (same channel or the next).
    let retried: Counter
    /// Deliveries given up on.
    let dead: Counter
    /// Results not applied because the delivery was cancelled or reclaimed meanwhile.
    let superseded: Counter
    /// Deliveries delivered as part of a grouped message (D58), counted per delivery.
    let grouped: Counter
    /// Grouped messages delivered: each carries two or more deliveries.
    let groupedMessages: Counter
    /// Time of one send, rendering included.
    let sendDuration: Metrics.Timer

    /// Creates the metrics with `factory`.
    public init(factory: any MetricsFactory) {
        delivered = Counter(label: "watchpost_deliveries_delivered_total", factory: factory)
        retried = Counter(label: "watchpost_delivery_retries_total", factory: factory)
        dead = Counter(label: "watchpost_deliveries_dead_total", factory: factory)
        superseded = Counter(label: "watchpost_delivery_results_superseded_total", factory: factory)
        grouped = Counter(label: "watchpost_deliveries_grouped_total", factory: factory)
        groupedMessages = Counter(label: "watchpost_grouped_messages_total", factory: factory)
        sendDuration = Metrics.Timer(label: "watchpost_delivery_send_duration_seconds", factory: factory)
    }
}
