import Testing

@testable import Postgres

@Suite("Pool state machine")
struct PoolStateMachineTests {
    typealias Machine = PostgresPoolStateMachine<String>

    @Test
    func createsUpToTheLimitThenQueuesWaitersInOrder() {
        var machine = Machine(maxConnections: 2)
        guard case .create = machine.acquire(waiter: 1), case .create = machine.acquire(waiter: 2) else {
            Issue.record("expected two creations")
            return
        }
        guard case .wait = machine.acquire(waiter: 3), case .wait = machine.acquire(waiter: 4) else {
            Issue.record("expected waiting beyond the limit")
            return
        }
        guard case .handOver("a", waiter: 3) = machine.release("a", reusable: true) else {
            Issue.record("first waiter must be served first")
            return
        }
        guard case .handOver("b", waiter: 4) = machine.release("b", reusable: true) else {
            Issue.record("second waiter must be served next")
            return
        }
        #expect(machine.total == 2)
    }

    @Test
    func brokenConnectionFreesItsSlotForTheNextWaiter() {
        var machine = Machine(maxConnections: 1)
        _ = machine.acquire(waiter: 1)
        _ = machine.acquire(waiter: 2)
        guard case .closeAndLetCreate("dead", waiter: 2) = machine.release("dead", reusable: false) else {
            Issue.record("the waiter should open a fresh connection")
            return
        }
        #expect(machine.total == 1)
        guard case .close("x") = machine.release("x", reusable: false) else {
            Issue.record("with nobody waiting the broken connection is just closed")
            return
        }
        #expect(machine.total == 0)
    }

    @Test
    func failedCreationPassesTheSlotOnAndCloseFailsWaiters() {
        var machine = Machine(maxConnections: 1)
        _ = machine.acquire(waiter: 1)
        _ = machine.acquire(waiter: 2)
        _ = machine.acquire(waiter: 3)
        let nextCreator = machine.creationFailed()
        #expect(nextCreator == 2)
        let cancelled = machine.cancel(waiter: 3)
        let cancelledTwice = machine.cancel(waiter: 3)
        #expect(cancelled && !cancelledTwice)
        let afterLast = machine.creationFailed()
        #expect(afterLast == nil)
        #expect(machine.total == 0)
        _ = machine.acquire(waiter: 4)
        _ = machine.acquire(waiter: 5)
        let closed = machine.close()
        #expect(closed.waiters == [5])
        guard case .failClosed = machine.acquire(waiter: 6) else {
            Issue.record("a closed pool must refuse")
            return
        }
    }
}
