import Synchronization
import Testing
import WatchpostNotify

@Suite(.timeLimit(.minutes(5)))
struct DispatchSemaphoreTests {
    @Test func neverMoreHoldersThanPermits() async throws {
        let semaphore = AsyncSemaphore(permits: 3)
        let counts = HolderCount()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<30 {
                group.addTask {
                    try await semaphore.withPermit {
                        counts.state.withLock {
                            $0.current += 1; $0.peak = max($0.peak, $0.current)
                        }
                        // Hold the permit until all three are held at once (the first time), so the
                        // peak is reached whatever the scheduling; a fourth holder would get in too.
                        while counts.state.withLock({ $0.peak < 3 }) { await Task.yield() }
                        counts.state.withLock { $0.current -= 1 }
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(counts.state.withLock { $0.peak } == 3)
        #expect(semaphore.available == 3)
    }

    @Test func cancelledWaiterLeavesTheQueueAndFreesNothing() async throws {
        let semaphore = AsyncSemaphore(permits: 1)
        try await semaphore.acquire()
        let waiter = Task { try await semaphore.acquire() }
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
        semaphore.release()
        #expect(semaphore.available == 1)
    }
}

/// Holders of a permit now, and the most at once.
final class HolderCount: Sendable {
    let state = Mutex<(current: Int, peak: Int)>((0, 0))
}
