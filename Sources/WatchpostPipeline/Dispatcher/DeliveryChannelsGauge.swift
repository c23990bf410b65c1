import WatchpostCore
import Metrics
import WatchpostNotify

/// `watchpost_delivery_channels_configured{channel}`: 1 for each channel kind this worker sends
/// deliveries on, 0 for the others, so that "deliveries pending and no worker can send them"
/// can be told apart from a slow dispatcher. With `WATCHPOST_DEV_DELIVERY`, the kinds of its
/// development targets are the ones it sends on.
struct DeliveryChannelsGauge: Sendable {
    /// The metric's name.
    static let label = "watchpost_delivery_channels_configured"

    private let factory: any MetricsFactory

    /// Records with `factory`.
    init(factory: any MetricsFactory) {
        self.factory = factory
    }

    /// Records which channel kinds are configured: one series per kind, `configured` ones at 1.
    func record(configured: Set<ChannelKind>) {
        for kind in ChannelKind.allCases {
            Gauge(label: Self.label, dimensions: [("channel", kind.rawValue)], factory: factory)
                .record(configured.contains(kind) ? 1 : 0)
        }
    }
}
