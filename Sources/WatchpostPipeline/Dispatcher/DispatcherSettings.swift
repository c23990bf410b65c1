import Postgres
import WatchpostNotify

/// How the delivery dispatcher behaves. Required values go in `init`; every other setting has a
/// documented default.
public struct DispatcherSettings: Sendable {
    /// The database; the dispatcher opens its own connections (a small pool and one `LISTEN`
    /// connection), so sending never takes a connection routing needs. Required.
    public var database: PostgresConfiguration
    /// Back-off, failover and attempt limits. Default: 5 s base, 10 min cap, failover after 3
    /// failures, dead after 10 attempts.
    public var retry = RetryPolicy()
    /// In-flight sends per channel kind. Default: webhook 8, email 4, sms 4, zalo 4, console 1.
    public var concurrency = ChannelConcurrency()
    /// Most deliveries in flight at once over all channels. Default: 32.
    public var maxInFlight = 32
    /// Most deliveries claimed in one statement. Default: 16.
    public var claimLimit = 16
    /// How long a claim holds a delivery; it must outlast the slowest channel's timeout. A
    /// dispatcher that dies mid-send delays its deliveries by at most this. Default: 2 minutes.
    public var lease: Duration = .seconds(120)
    /// Longest sleep when no delivery is due and no NOTIFY comes. Default: 30 seconds.
    public var maxSleep: Duration = .seconds(30)
    /// Back-off after a database outage. Default: 100 ms doubling to 10 s, with jitter.
    public var outageBackoff = Backoff()
    /// Connections in the dispatcher's own pool. Default: 2.
    public var databaseConnections = 2
    /// When set, every delivery goes to these development targets instead of the officers'
    /// channels (`WATCHPOST_DEV_DELIVERY`). Default: `nil`.
    public var devTargets: DevDeliveryTargets?

    /// Creates settings for `database`.
    public init(database: PostgresConfiguration) {
        self.database = database
    }
}
