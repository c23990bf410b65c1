/// The retry and failover state machine of one delivery, as a plain value: given where the
/// delivery stands and how an attempt went, it says what to do next. The dispatcher performs
/// the I/O (sending, recording) and stores the result; nothing here touches a clock or a
/// socket, so every path is tested as a value.
public struct DeliveryPlan: Sendable {
    /// Where a delivery stands when one attempt has just been made.
    public struct Position: Sendable, Hashable {
        /// The attempt just made, over all channels, 1-based.
        public var attempt: Int
        /// The index of the channel it was made on.
        public var channelIndex: Int
        /// Failures on that channel before this attempt.
        public var channelFailures: Int
        /// How many channels the recipient has.
        public var channelCount: Int

        /// Creates a position.
        public init(attempt: Int, channelIndex: Int, channelFailures: Int, channelCount: Int) {
            self.attempt = attempt
            self.channelIndex = channelIndex
            self.channelFailures = channelFailures
            self.channelCount = channelCount
        }
    }

    /// How one attempt went.
    public enum Outcome: Sendable, Hashable {
        /// The receiver accepted the message.
        case delivered
        /// It failed; `retriable` says whether the same channel may succeed later, and
        /// `retryAfter` how long the receiver asked us to wait.
        case failed(error: String, retriable: Bool, retryAfter: Duration? = nil)
    }

    /// What to do next.
    public enum Step: Sendable, Hashable {
        /// Done: record the delivery as delivered.
        case delivered
        /// Try again on `channelIndex` after `delay`; `failedOver` when that is a new channel.
        case retry(channelIndex: Int, delay: Duration, failedOver: Bool, error: String)
        /// Give up: record the delivery as dead with `error` and tell the escalation chain.
        case dead(error: String)
    }

    /// The limits and back-off in force.
    public var policy: RetryPolicy

    /// Creates a plan with `policy`.
    public init(policy: RetryPolicy = RetryPolicy()) {
        self.policy = policy
    }

    /// The next step after an attempt at `position` ended with `outcome`.
    ///
    /// A permanent failure (a 4xx, a bad address, a channel not configured) fails over at once;
    /// a transient one retries the same channel with back-off until `failoverAfter` failures
    /// there. The last channel keeps retrying transient failures; a permanent failure there, or
    /// reaching `maxAttempts`, makes the delivery dead. A failover is immediate: the new
    /// channel has not failed yet.
    public func next<Random: RandomNumberGenerator>(
        after outcome: Outcome,
        at position: Position,
        using random: inout Random
    ) -> Step {
        guard case .failed(let error, let retriable, let retryAfter) = outcome else { return .delivered }
        if position.attempt >= policy.maxAttempts {
            return .dead(error: "gave up after \(position.attempt) attempt(s); last error: \(error)")
        }
        let failures = position.channelFailures + 1
        let hasNextChannel = position.channelIndex + 1 < position.channelCount
        if !retriable || failures >= policy.failoverAfter {
            if hasNextChannel {
                return .retry(channelIndex: position.channelIndex + 1, delay: .zero, failedOver: true, error: error)
            }
            if !retriable {
                return .dead(error: "no channel left; last error (permanent): \(error)")
            }
        }
        var delay = policy.delay(afterFailures: failures, using: &random)
        if let retryAfter { delay = min(policy.cap, max(delay, retryAfter)) }
        return .retry(channelIndex: position.channelIndex, delay: delay, failedOver: false, error: error)
    }

    /// `next(after:at:using:)` with the system's random numbers.
    public func next(after outcome: Outcome, at position: Position) -> Step {
        var random = SystemRandomNumberGenerator()
        return next(after: outcome, at: position, using: &random)
    }
}
