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

    /// Gives a permit back, handing it straight to the oldest waiter if there is one.
    public func release() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, any Error>? in
            if state.waiters.isEmpty {
                state.available += 1
                return nil
            }
            return state.waiters.removeFirst().continuation
        }
        waiter?.resume()
    }

    /// Runs `body` holding a permit.
    public func withPermit<Value: Sendable>(_ body: () async throws -> Value) async throws -> Value {
        try await acquire()
        defer { release() }
        return try await body()
    }
}
