/// How often and how patiently one delivery is retried: exponential back-off with full jitter,
/// failover to the recipient's next channel, and an overall limit after which it is dead.
///
/// Full jitter (a delay drawn uniformly from zero to the exponential ceiling) spreads the
/// retries of many deliveries that failed together, e.g. when a gateway came back, instead of
/// sending them all again at the same instant.
public struct RetryPolicy: Sendable, Hashable {
    /// The ceiling of the first retry's delay; it doubles with each failure on a channel.
    /// Default: 5 seconds.
    public var base: Duration = .seconds(5)
    /// The largest delay between two attempts. Default: 10 minutes.
    public var cap: Duration = .seconds(600)
    /// Failures on one channel after which the delivery moves to the next channel.
    /// Default: 3.
    public var failoverAfter = 3
    /// Attempts over all channels after which the delivery is dead. Default: 10.
    public var maxAttempts = 10

    /// Creates the default policy.
    public init() {}

    /// Creates a policy; values below their minimum (1 ms, 1 failure, 1 attempt) are raised.
    public init(base: Duration, cap: Duration, failoverAfter: Int = 3, maxAttempts: Int = 10) {
        self.base = max(base, .milliseconds(1))
        self.cap = max(self.base, cap)
        self.failoverAfter = max(1, failoverAfter)
        self.maxAttempts = max(1, maxAttempts)
    }

    /// The largest delay after the `failures`-th consecutive failure on a channel (1-based):
    /// `base · 2^(failures-1)`, at most `cap`.
    public func ceiling(afterFailures failures: Int) -> Duration {
        var delay = base
        for _ in 0..<min(max(0, failures - 1), 40) {
            delay *= 2
            if delay >= cap { return cap }
        }
        return min(delay, cap)
    }

    /// The delay before retrying after the `failures`-th failure: uniform in
    /// `0..<ceiling(afterFailures:)`, drawn from one value of `random`.
    ///
    /// One raw draw, not `Double.random(in:using:)`, whose rejection sampling may draw again:
    /// a test's fixed source then maps to exactly one delay (0 → none, `.max` → the ceiling).
    public func delay<Random: RandomNumberGenerator>(afterFailures failures: Int, using random: inout Random)
        -> Duration
    {
        let ceiling = ceiling(afterFailures: failures)
        let fraction = Double(random.next() >> 11) / Double(UInt64(1) << 53)
        return ceiling * fraction
    }
}
