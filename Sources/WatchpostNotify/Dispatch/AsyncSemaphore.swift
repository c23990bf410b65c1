import Synchronization

/// A counting semaphore for tasks: `acquire` suspends (never blocks a thread) while all
/// permits are taken, waiters are served first come first served, and a cancelled waiter
/// leaves the queue and throws `CancellationError`.
public final class AsyncSemaphore: Sendable {
    private struct State {
        var available: Int
        var nextID = 0
        var waiters: [(id: Int, continuation: CheckedContinuation<Void, any Error>)] = []
        var cancelled: Set<Int> = []
    }

    private let state: Mutex<State>

    /// Creates a semaphore with `permits` permits (at least 1).
    public init(permits: Int) {
        state = Mutex(State(available: max(1, permits)))
    }

    /// Permits not taken right now.
    public var available: Int { state.withLock { $0.available } }

    /// Takes a permit, waiting for one if needed. Give it back with `release()`.
    public func acquire() async throws {
        try Task.checkCancellation()
        let id: Int? = state.withLock { state in
            if state.available > 0 {
                state.available -= 1
                return nil
            }
            state.nextID += 1
            return state.nextID
        }
        guard let id else { return }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let cancelledEarly = state.withLock { state in
                    if state.cancelled.remove(id) != nil { return true }
                    state.waiters.append((id, continuation))
                    return false
                }
                if cancelledEarly { continuation.resume(throwing: CancellationError()) }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Void, any Error>? in
                if let index = state.waiters.firstIndex(where: { $0.id == id }) {
                    return state.waiters.remove(at: index).continuation
                }
                // Cancelled before the continuation was queued (or after it was resumed:
                // then the marker is never read and only costs a set entry until release).
                state.cancelled.insert(id)
                return nil
            }
            waiter?.resume(throwing: CancellationError())
        }
    }

    /// Takes up to `count` permits without waiting and returns how many it took: 0 when every
    /// permit is taken. Give them back with `release(_:)`.
    public func tryAcquire(upTo count: Int) -> Int {
        state.withLock { state in
            // Permits are only free while nobody waits (release hands them to waiters first).
            let taken = min(max(0, count), state.available)
            state.available -= taken
            return taken
        }
    }

    /// Gives `count` permits back (default 1), handing each straight to the oldest waiter if
    /// there is one.
    public func release(_ count: Int = 1) {
        guard count > 0 else { return }
        let waiters = state.withLock { state -> [CheckedContinuation<Void, any Error>] in
            let handed = min(count, state.waiters.count)
            state.available += count - handed
            defer { state.waiters.removeFirst(handed) }
            return state.waiters.prefix(handed).map(\.continuation)
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Runs `body` holding a permit.
    public func withPermit<Value: Sendable>(_ body: () async throws -> Value) async throws -> Value {
        try await acquire()
        defer { release() }
        return try await body()
    }
}
