import Metrics

/// The Prometheus gauge that makes late enforcement visible:
/// `watchpost_oldest_overdue_obligation_seconds`, the age of the oldest open obligation whose
/// deadline passed and whose next escalation is not requested yet; 0 when there is none.
struct OverdueObligationGauge: Sendable {
    /// The metric's name.
    static let label = "watchpost_oldest_overdue_obligation_seconds"

    private let gauge: Gauge

    /// Creates the gauge with `factory`.
    init(factory: any MetricsFactory) {
        gauge = Gauge(label: Self.label, factory: factory)
    }

    /// Records the age in seconds.
    func record(_ seconds: Double) {
        gauge.record(seconds)
    }
}
