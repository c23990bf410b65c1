import Synchronization

/// Whether the worker's consumer is in its group, as its rebalance events tell
/// (`ConsumerEventWatcher`); `/readyz` reads it.
final class ConsumerMembership: Sendable {
    /// Where the consumer stands.
    enum State: Sendable, Hashable {
        /// Started, no assignment received yet.
        case joining
        /// In the group, holding this many partitions (0 during an eager rebalance, or when the
        /// group has more members than the topic has partitions).
        case member(partitions: Int)
        /// Closed: it left the group and does not come back.
        case left
    }

    private let state = Mutex(State.joining)

    /// Where the consumer stands now.
    var current: State { state.withLock { $0 } }

    /// The group gave the consumer `count` more partitions (possibly none).
    func assigned(_ count: Int) {
        state.withLock { state in
            switch state {
            case .joining: state = .member(partitions: count)
            case .member(let held): state = .member(partitions: held + count)
            case .left: break
            }
        }
    }

    /// The group took `count` partitions back; the consumer stays in the group.
    func revoked(_ count: Int) {
        state.withLock { state in
            if case .member(let held) = state { state = .member(partitions: max(0, held - count)) }
        }
    }

    /// The consumer closed.
    func left() {
        state.withLock { $0 = .left }
    }
}
