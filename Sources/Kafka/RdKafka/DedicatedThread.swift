import Dispatch
import Foundation
import Synchronization

/// Runs a loop on its own OS thread, so blocking librdkafka polls never occupy Swift's
/// cooperative pool, and lets async callers wait for the loop to end.
final class DedicatedThread: Sendable {
    private let completion = Completion()

    /// Starts `body` on a new thread named `name`. The thread keeps what `body` captures alive
    /// until `body` returns.
    init(name: String, body: @escaping @Sendable () -> Void) {
        let thread = Thread { [completion] in
            body()
            completion.finish()
        }
        thread.name = name
        thread.start()
    }

    /// Returns once the loop has ended.
    func finished() async {
        await completion.wait()
    }

    private final class Completion: Sendable {
        private let state = Mutex<(finished: Bool, waiters: [CheckedContinuation<Void, Never>])>(
            (false, [])
        )

        func finish() {
            let waiters = state.withLock { state in
                state.finished = true
                defer { state.waiters = [] }
                return state.waiters
            }
            waiters.forEach { $0.resume() }
        }

        func wait() async {
            await withCheckedContinuation { continuation in
                let done = state.withLock { state in
                    if !state.finished { state.waiters.append(continuation) }
                    return state.finished
                }
                if done { continuation.resume() }
            }
        }
    }
}

/// Runs a blocking librdkafka call on `queue` (never on the cooperative pool) and returns its
/// result.
func runBlocking<T: Sendable>(
    on queue: DispatchQueue,
    _ body: @escaping @Sendable () throws -> T
) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        queue.async {
            continuation.resume(with: Result { try body() })
        }
    }
}
