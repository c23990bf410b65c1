import Foundation
import Logging
import Postgres
import ServiceLifecycle
import Synchronization
import WatchpostCore
import WatchpostPresentation
import WatchpostNotify
import WatchpostStore

/// The delivery dispatcher every worker runs: claims due deliveries (`SKIP LOCKED`, leased),
/// renders each alert in its recipient's language, sends it on the recipient's channel at its
/// index within that channel kind's concurrency limit, and records the attempt and what the
/// delivery becomes (delivered, retried later, failed over, or dead, which alerts the school's
/// authority desk).
///
/// It claims only what can start sending at once: a channel kind's slot is taken before its
/// deliveries are claimed (`SendSlots`), so no claimed delivery waits for a slot while its lease
/// runs out. Sends run concurrently, so a hanging receiver holds one slot until its timeout and
/// nothing else. Between claims it sleeps until the nearest due delivery it could start, a
/// `NOTIFY watchpost_deliveries` or a finished send, never a blind poll. It uses its own database
/// connections, so routing never waits for it, and it waits out database outages with back-off.
public struct DispatcherService: Service {
    let store: DeliveryStore
    let attempter: DeliveryAttempter
    let slots: SendSlots
    let settings: DispatcherSettings
    let metrics: DispatcherMetrics?
    let logger: Logger
    let onExit: (@Sendable () async -> Void)?

    /// Creates the dispatcher.
    ///
    /// - Parameters:
    ///   - store: the outbox queries, on a pool the dispatcher may use alone.
    ///   - directory: the directory the workers route with (recipients, desks, names).
    ///   - channels: the available channels by kind (`ChannelConfiguration.makeChannels()`).
    ///   - renderer: writes the messages and signs the acknowledge links.
    ///   - settings: limits, timings and the development override.
    ///   - metrics: counters and gauges; `nil` records none.
    ///   - signInSeal: opens the sign-in messages the API seals (key from
    ///     `WATCHPOST_LINK_SECRET`); without it they die unsent.
    ///   - onExit: called once the loop has stopped and every send has finished, e.g. to close
    ///     the dispatcher's own pool.
    public init(
        store: DeliveryStore,
        directory: Directory,
        channels: [ChannelKind: any DeliveryChannel],
        renderer: AlertRenderer,
        settings: DispatcherSettings,
        metrics: DispatcherMetrics? = nil,
        signInSeal: SignInMessageSeal? = nil,
        logger: Logger,
        onExit: (@Sendable () async -> Void)? = nil
    ) {
        self.store = store
        self.attempter = DeliveryAttempter(
            directory: directory,
            channels: channels,
            renderer: renderer,
            plan: DeliveryPlan(policy: settings.retry),
            devTargets: settings.devTargets,
            signInSeal: signInSeal
        )
        self.slots = SendSlots(concurrency: settings.concurrency, devTargets: settings.devTargets)
        self.settings = settings
        self.metrics = metrics
        self.logger = logger
        self.onExit = onExit
    }

    /// Runs until graceful shutdown or cancellation; sends in flight are finished and recorded.
    public func run() async throws {
        let listener = DeadlineListener(
            configuration: settings.database,
            channel: StoreChannel.deliveries,
            logger: logger
        )
        let wake = WakeSignal()
        let inFlight = InFlightCount()
        await withDiscardingTaskGroup { group in
            var backoff = settings.outageBackoff
            while !Task.isShuttingDownGracefully && !Task.isCancelled {
                do {
                    // LISTEN before looking, so a NOTIFY sent while we look is not missed.
                    try await listener.connect()
                    let more = try await claimStartable(into: &group, inFlight: inFlight, wake: wake)
                    backoff.reset()
                    if more { continue }
                    // Only deliveries that could start now are worth waking for; for the rest,
                    // a finished send (the wake signal) frees a slot.
                    let startable =
                        inFlight.value.load(ordering: .relaxed) < settings.maxInFlight ? slots.startableKinds : []
                    let wait = startable.isEmpty ? settings.maxSleep : try await nextWait(channelKinds: startable)
                    try await cancelWhenGracefulShutdown {
                        try await Self.sleep(listener: listener, wake: wake, timeout: wait)
                    }
                } catch {
                    if Task.isShuttingDownGracefully || Task.isCancelled { break }
                    await listener.close()
                    let delay = backoff.nextDelay()
                    logger.warning(
                        "delivery dispatcher round failed; retrying",
                        metadata: ["error": "\(error)", "retry_in_ms": "\(delay.milliseconds)"]
                    )
                    do {
                        try await cancelWhenGracefulShutdown { try await Task.sleep(for: delay) }
                    } catch {
                        break
                    }
                }
            }
        }
        await listener.close()
        await onExit?()
        logger.info("delivery dispatcher stopped")
    }

    /// Claims, for each channel kind, at most as many due deliveries as it has free slots
    /// (within `maxInFlight` and `claimLimit`), and starts sending each at once in `group`,
    /// holding its slot. Returns whether more deliveries may be due and startable right now.
    private func claimStartable(
        into group: inout DiscardingTaskGroup,
        inFlight: InFlightCount,
        wake: WakeSignal
    ) async throws -> Bool {
        var budget = min(settings.maxInFlight - inFlight.value.load(ordering: .relaxed), settings.claimLimit)
        var more = false
        for slotGroup in slots.groups {
            guard budget > 0 else {
                // The claim limit ran out before this kind was asked.
                more = true
                break
            }
            let permits = slotGroup.semaphore.tryAcquire(upTo: budget)
            guard permits > 0 else { continue }
            let claimed: [ClaimedDelivery]
            do {
                claimed = try await store.claimDue(
                    now: Date(),
                    limit: permits,
                    lease: settings.lease,
                    channelKinds: slotGroup.deliveryKinds
                )
            } catch {
                slotGroup.semaphore.release(permits)
                throw error
            }
            slotGroup.semaphore.release(permits - claimed.count)
            budget -= claimed.count
            if claimed.count == permits && slotGroup.semaphore.available > 0 { more = true }
            for delivery in claimed {
                inFlight.value.add(1, ordering: .relaxed)
                group.addTask {
                    await deliver(delivery, holding: slotGroup.semaphore)
                    inFlight.value.subtract(1, ordering: .relaxed)
                    wake.signal()
                }
            }
        }
        return more && inFlight.value.load(ordering: .relaxed) < settings.maxInFlight
    }

    /// Attempts one claimed delivery, giving its slot back once the send is over, and records
    /// the result, retrying the record through a database outage for as long as the lease lasts
    /// (after that another claim re-sends it, with the same idempotency key).
    func deliver(_ claimed: ClaimedDelivery, holding slot: AsyncSemaphore) async {
        let started = ContinuousClock.now
        guard let result = await attempt(claimed, holding: slot) else { return }
        let elapsed = (ContinuousClock.now - started).components
        metrics?.sendDuration.recordNanoseconds(elapsed.seconds * 1_000_000_000 + elapsed.attoseconds / 1_000_000_000)
        var backoff = settings.outageBackoff
        // Recorded at least once, even when the send outlasted the lease: the record applies
        // only if no other claim took the delivery meanwhile.
        repeat {
            do {
                let results = attempter.memberResults(of: result, for: claimed)
                let applied = try await store.record(results)
                count(results, claimed: claimed, applied: applied)
                if case .grouped(let members) = claimed.content, case .delivered = result.outcome {
                    metrics?.groupedMessages.increment()
                    metrics?.grouped.increment(by: Int64(applied.filter { $0 }.count))
                    logger.info(
                        "grouped message delivered",
                        metadata: ["message_id": "\(claimed.id.canonicalString)", "deliveries": "\(members.count)"]
                    )
                }
                return
            } catch {
                let delay = backoff.nextDelay()
                logger.warning(
                    "could not record a delivery attempt; retrying",
                    metadata: ["delivery_id": "\(claimed.id.canonicalString)", "error": "\(error)"]
                )
                do { try await Task.sleep(for: delay) } catch { return }
            }
        } while ContinuousClock.now - started < settings.lease
    }

    /// Counts each delivery the attempt covered (every member of a grouped message) and logs
    /// the attempt once.
    private func count(_ results: [DeliveryAttemptResult], claimed: ClaimedDelivery, applied: [Bool]) {
        guard let result = results.first else { return }
        let changed = Int64(applied.filter { $0 }.count)
        var metadata: Logger.Metadata = [
            "delivery_id": "\(claimed.id.canonicalString)", "recipient": "\(claimed.recipient)",
            "attempt": "\(claimed.attempt)", "channel": "\(result.channelKind)",
        ]
        if results.count > 1 { metadata["deliveries"] = "\(results.count)" }
        if changed < applied.count { metrics?.superseded.increment(by: Int64(applied.count) - changed) }
        guard changed > 0 else {
            logger.info("delivery attempt finished after the delivery was cancelled or reclaimed", metadata: metadata)
            return
        }
        switch result.outcome {
        case .delivered:
            metrics?.delivered.increment(by: changed)
            logger.info("delivered", metadata: metadata)
        case .retry(let at, let index):
            metrics?.retried.increment(by: changed)
            metadata["error"] = "\(result.error ?? "")"
            metadata["next_channel_index"] = "\(index)"
            metadata["next_attempt_in_ms"] = "\(Int(at.timeIntervalSinceNow * 1000))"
            logger.notice("delivery attempt failed; will retry", metadata: metadata)
        case .dead:
            metrics?.dead.increment(by: changed)
            metadata["error"] = "\(result.error ?? "")"
            metadata["desk_alerts"] = "\(results.reduce(0) { total, own in total + own.deskAlerts })"
            logger.error("delivery dead; the authority desk is told", metadata: metadata)
        }
    }

    /// The attempt's result, or `nil` when it was cancelled (the claim then lapses); the slot is
    /// given back either way.
    private func attempt(_ claimed: ClaimedDelivery, holding slot: AsyncSemaphore) async -> DeliveryAttemptResult? {
        defer { slot.release() }
        return try? await attempter.attempt(claimed)
    }

    /// How long to sleep: until the next due delivery on a channel of `channelKinds`, at most
    /// `maxSleep`.
    func nextWait(channelKinds: Set<ChannelKind>) async throws -> Duration {
        guard let next = try await store.nextDueAt(channelKinds: channelKinds) else { return settings.maxSleep }
        let seconds = next.timeIntervalSinceNow + 0.002
        // Due but not claimable (held by another dispatcher): look again shortly.
        guard seconds > 0 else { return .milliseconds(200) }
        return min(settings.maxSleep, .milliseconds(Int64(seconds * 1000) + 1))
    }

    /// Returns at the first of: a NOTIFY, a wake signal, `timeout`.
    static func sleep(listener: DeadlineListener, wake: WakeSignal, timeout: Duration) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await listener.wait(timeout: timeout) }
            group.addTask { await wake.wait() }
            _ = try await group.next()
            group.cancelAll()
        }
    }
}

extension DeliveryAttemptResult {
    /// How many alerts a dead delivery raises for the authority desk.
    fileprivate var deskAlerts: Int {
        guard case .dead(let alerts, _) = outcome else { return 0 }
        return alerts.count
    }
}

/// The number of sends in flight, shared by the loop and the send tasks.
final class InFlightCount: Sendable {
    let value = Atomic<Int>(0)
}
