import Testing
import WatchpostNotify

/// The dispatcher takes a channel kind's slots before it claims deliveries: `tryAcquire`
/// never waits and never takes more than is free, and `release(_:)` gives several back.
@Suite(.timeLimit(.minutes(5)))
struct DispatchSemaphoreTryAcquireTests {
    @Test func tryAcquireTakesOnlyFreePermits() {
        let semaphore = AsyncSemaphore(permits: 3)
        #expect(semaphore.tryAcquire(upTo: 2) == 2)
        #expect(semaphore.tryAcquire(upTo: 5) == 1)
        #expect(semaphore.tryAcquire(upTo: 1) == 0)
        #expect(semaphore.tryAcquire(upTo: 0) == 0 && semaphore.available == 0)
        semaphore.release(3)
        #expect(semaphore.available == 3)
    }

    @Test func releasingSeveralServesTheWaiterAndFreesTheRest() async throws {
        let semaphore = AsyncSemaphore(permits: 3)
        #expect(semaphore.tryAcquire(upTo: 3) == 3)
        let waiter = Task { try await semaphore.acquire() }
        // Whether the waiter queued before or after this, it ends holding one of the three.
        semaphore.release(3)
        try await waiter.value
        #expect(semaphore.available == 2)
    }
}
