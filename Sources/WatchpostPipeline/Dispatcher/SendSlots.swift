import WatchpostCore
import WatchpostPresentation
import WatchpostNotify

/// The dispatcher's send slots: each channel kind's concurrency limit, taken *before* deliveries
/// are claimed, so that every claimed delivery starts sending at once.
///
/// A claim is a lease (`claimed_until`). Claiming first and then waiting for a slot let a
/// delivery queued behind a slow channel outlive its lease, be claimed again, and be sent
/// twice. Extending leases while deliveries wait would also prevent that, but it costs a write
/// per waiting delivery per period, must abandon a send whose extension failed, and keeps
/// deliveries from other dispatchers whose slots are free. Taking the slot first means a lease
/// only ever covers one send (which `DispatcherSettings.lease` already promises), and what this
/// dispatcher cannot start now stays claimable by the others.
struct SendSlots: Sendable {
    /// The slots of one channel kind and the deliveries they may be used for.
    struct Group: Sendable {
        /// The kind whose concurrency limit the slots are.
        let kind: ChannelKind
        /// The kinds of the deliveries these slots send (`DeliveryStore.claimDue`): the group's
        /// own, or every kind under the development override.
        let deliveryKinds: Set<ChannelKind>
        /// The slots: one permit per send in flight.
        let semaphore: AsyncSemaphore
    }

    /// One group per kind an officer's delivery can use (the directory's kinds, and calls the
    /// policy asks for); with the development override, one group for its limiting kind that
    /// carries every delivery.
    let groups: [Group]

    init(concurrency: ChannelConcurrency, devTargets: DevDeliveryTargets?) {
        if let devTargets {
            let kind = devTargets.limitingKind
            groups = [
                Group(
                    kind: kind,
                    deliveryKinds: Set(ChannelKind.allCases),
                    semaphore: AsyncSemaphore(permits: concurrency.limit(for: kind))
                )
            ]
            return
        }
        groups = Set(ChannelKind.directorySpellings.values).union([.voice]).sorted { $0.rawValue < $1.rawValue }.map {
            kind in
            Group(kind: kind, deliveryKinds: [kind], semaphore: AsyncSemaphore(permits: concurrency.limit(for: kind)))
        }
    }

    /// The delivery kinds with a free slot now: the deliveries worth waiting for.
    var startableKinds: Set<ChannelKind> {
        groups.filter { $0.semaphore.available > 0 }.reduce(into: []) { $0.formUnion($1.deliveryKinds) }
    }
}
