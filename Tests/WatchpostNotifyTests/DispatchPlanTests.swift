import Testing
import WatchpostNotify

/// A random source that always draws the same value, so jitter is predictable.
struct FixedRandom: RandomNumberGenerator {
    var value: UInt64
    mutating func next() -> UInt64 { value }
}

struct DispatchPlanTests {
    let plan = DeliveryPlan(policy: RetryPolicy())

    func position(attempt: Int, channel: Int = 0, failures: Int = 0, channels: Int = 2) -> DeliveryPlan.Position {
        DeliveryPlan.Position(
            attempt: attempt,
            channelIndex: channel,
            channelFailures: failures,
            channelCount: channels
        )
    }

    static let transient = DeliveryPlan.Outcome.failed(error: "webhook serverError: 500", retriable: true)
    static let permanent = DeliveryPlan.Outcome.failed(error: "webhook rejected: 404", retriable: false)

    @Test func backoffCeilingDoublesFromFiveSecondsAndStopsAtTenMinutes() {
        let policy = RetryPolicy()
        #expect(policy.ceiling(afterFailures: 1) == .seconds(5))
        #expect(policy.ceiling(afterFailures: 2) == .seconds(10))
        #expect(policy.ceiling(afterFailures: 4) == .seconds(40))
        #expect(policy.ceiling(afterFailures: 8) == .seconds(600))
        #expect(policy.ceiling(afterFailures: 1000) == .seconds(600))
    }

    @Test func fullJitterSpansZeroToTheCeiling() {
        let policy = RetryPolicy()
        var low = FixedRandom(value: 0)
        var high = FixedRandom(value: .max)
        #expect(policy.delay(afterFailures: 3, using: &low) == .zero)
        let top = policy.delay(afterFailures: 3, using: &high)
        #expect(top > .milliseconds(19_900) && top <= .seconds(20))
    }

    @Test func deliveredEndsThePlan() {
        #expect(plan.next(after: .delivered, at: position(attempt: 1)) == .delivered)
    }

    @Test func transientFailureRetriesTheSameChannelWithJitteredBackoff() {
        var random = FixedRandom(value: .max)
        let step = plan.next(after: Self.transient, at: position(attempt: 2, failures: 1), using: &random)
        guard case .retry(let channel, let delay, let failedOver, let error) = step else {
            Issue.record("expected a retry, got \(step)")
            return
        }
        #expect(channel == 0)
        #expect(!failedOver)
        #expect(delay > .milliseconds(9_900) && delay <= .seconds(10))
        #expect(error.contains("500"))
    }

    @Test func thirdTransientFailureFailsOverAtOnce() {
        let step = plan.next(after: Self.transient, at: position(attempt: 3, failures: 2))
        #expect(step == .retry(channelIndex: 1, delay: .zero, failedOver: true, error: "webhook serverError: 500"))
    }

    @Test func permanentFailureFailsOverImmediately() {
        let step = plan.next(after: Self.permanent, at: position(attempt: 1))
        #expect(step == .retry(channelIndex: 1, delay: .zero, failedOver: true, error: "webhook rejected: 404"))
    }

    @Test func lastChannelKeepsRetryingTransientFailures() {
        var random = FixedRandom(value: 0)
        let step = plan.next(after: Self.transient, at: position(attempt: 6, channel: 1, failures: 4), using: &random)
        #expect(step == .retry(channelIndex: 1, delay: .zero, failedOver: false, error: "webhook serverError: 500"))
    }

    @Test func permanentFailureOnTheLastChannelIsDead() {
        let step = plan.next(after: Self.permanent, at: position(attempt: 4, channel: 1))
        guard case .dead(let error) = step else {
            Issue.record("expected dead, got \(step)")
            return
        }
        #expect(error.contains("404"))
    }

    @Test func overallAttemptLimitMakesTheDeliveryDeadWithTheLastError() {
        let step = plan.next(after: Self.transient, at: position(attempt: 10, channel: 1, failures: 1))
        guard case .dead(let error) = step else {
            Issue.record("expected dead, got \(step)")
            return
        }
        #expect(error.contains("10 attempt"))
        #expect(error.contains("webhook serverError: 500"))
    }

    @Test func retryAfterIsHonouredButCapped() {
        var random = FixedRandom(value: 0)
        let asked = DeliveryPlan.Outcome.failed(error: "429", retriable: true, retryAfter: .seconds(30))
        #expect(
            plan.next(after: asked, at: position(attempt: 1), using: &random)
                == .retry(channelIndex: 0, delay: .seconds(30), failedOver: false, error: "429")
        )
        let tooLong = DeliveryPlan.Outcome.failed(error: "429", retriable: true, retryAfter: .seconds(3600))
        #expect(
            plan.next(after: tooLong, at: position(attempt: 1), using: &random)
                == .retry(channelIndex: 0, delay: .seconds(600), failedOver: false, error: "429")
        )
    }

    @Test(arguments: [1, 2, 5])
    func failoverAfterIsConfigurable(failoverAfter: Int) {
        let plan = DeliveryPlan(policy: RetryPolicy(base: .seconds(1), cap: .seconds(10), failoverAfter: failoverAfter))
        var random = FixedRandom(value: 0)
        var failures = 0
        var attempt = 1
        while true {
            let step = plan.next(
                after: Self.transient,
                at: position(attempt: attempt, failures: failures),
                using: &random
            )
            if case .retry(let channel, _, true, _) = step {
                #expect(channel == 1)
                break
            }
            failures += 1
            attempt += 1
        }
        #expect(attempt == failoverAfter)
    }

    @Test func defaultConcurrencyLimitsPerChannelKind() {
        let limits = ChannelConcurrency()
        #expect(limits.limit(for: .webhook) == 8)
        #expect(limits.limit(for: .email) == 4)
        #expect(limits.limit(for: .sms) == 4)
        #expect(limits.limit(for: .zalo) == 4)
        #expect(limits.limit(for: .console) == 1)
    }
}
