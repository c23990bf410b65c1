/// Exponential back-off with jitter, as a plain value: the worker and the enforcer ask it how
/// long to wait before retrying after an outage, and reset it after a success.
///
/// Each delay doubles from ``initial`` up to ``maximum``; the actual wait is drawn uniformly
/// from the upper half of that delay, so workers that failed together do not retry together.
public struct Backoff: Sendable, Hashable {
    /// The first delay. Default: 100 milliseconds.
    public var initial: Duration
    /// The largest delay. Default: 10 seconds.
    public var maximum: Duration
    /// Failures since the last success.
    public private(set) var attempts = 0

    /// Creates a back-off; a `maximum` below `initial` is raised to `initial`.
    public init(initial: Duration = .milliseconds(100), maximum: Duration = .seconds(10)) {
        self.initial = max(initial, .milliseconds(1))
        self.maximum = max(self.initial, maximum)
    }

    /// The delay before the next attempt (without jitter): `initial · 2^(attempts)`, capped.
    public var ceiling: Duration {
        var delay = initial
        for _ in 0..<min(attempts, 40) {
            delay *= 2
            if delay >= maximum { return maximum }
        }
        return min(delay, maximum)
    }

    /// Records a failure and returns how long to wait before retrying.
    public mutating func nextDelay<Generator: RandomNumberGenerator>(using generator: inout Generator) -> Duration {
        let ceiling = self.ceiling
        attempts += 1
        let fraction = Double.random(in: 0.5...1.0, using: &generator)
        return ceiling * fraction
    }

    /// Records a failure and returns how long to wait before retrying.
    public mutating func nextDelay() -> Duration {
        var generator = SystemRandomNumberGenerator()
        return nextDelay(using: &generator)
    }

    /// Records a success: the next failure waits ``initial`` again.
    public mutating func reset() {
        attempts = 0
    }
}
