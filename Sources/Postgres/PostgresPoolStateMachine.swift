/// The pool's bookkeeping as a value: which connections are idle, how many exist, who waits.
/// Methods return what the pool must do; the pool performs the I/O. Generic over the connection
/// so it can be tested without a server.
struct PostgresPoolStateMachine<Connection> {
    /// What an acquiring task must do next.
    enum AcquireAction {
        /// Use this idle connection (after checking it is still alive).
        case use(Connection)
        /// A slot is reserved for you: open a new connection.
        case create
        /// Wait until `handOver` or `create` is sent to your waiter id.
        case wait
        /// The pool is closed.
        case failClosed
    }

    /// What the pool must do with a connection that came back.
    enum ReleaseAction {
        /// Nothing more: the connection is idle now.
        case keep
        /// Give the connection to this waiter.
        case handOver(Connection, waiter: Int)
        /// Close the connection.
        case close(Connection)
        /// Close the connection and let this waiter open a new one in its slot.
        case closeAndLetCreate(Connection, waiter: Int)
    }

    let maxConnections: Int
    private(set) var idle: [Connection] = []
    /// Connections open or being opened, idle or leased.
    private(set) var total = 0
    private(set) var waiters: [Int] = []
    private(set) var isClosed = false

    init(maxConnections: Int) {
        self.maxConnections = max(1, maxConnections)
    }

    mutating func acquire(waiter: Int) -> AcquireAction {
        if isClosed { return .failClosed }
        // Idle connections exist only when nobody waits, so taking one keeps the order FIFO.
        if let connection = idle.popLast() { return .use(connection) }
        if total < maxConnections {
            total += 1
            return .create
        }
        waiters.append(waiter)
        return .wait
    }

    /// A leased connection came back; `reusable` is false when it broke or was left mid-transaction.
    mutating func release(_ connection: Connection, reusable: Bool) -> ReleaseAction {
        if isClosed {
            total -= 1
            return .close(connection)
        }
        if !reusable {
            guard !waiters.isEmpty else {
                total -= 1
                return .close(connection)
            }
            return .closeAndLetCreate(connection, waiter: waiters.removeFirst())
        }
        if !waiters.isEmpty { return .handOver(connection, waiter: waiters.removeFirst()) }
        idle.append(connection)
        return .keep
    }

    /// Opening a connection failed: free its slot, or pass it to the next waiter so no one waits
    /// for a slot that nobody holds. Returns that waiter.
    mutating func creationFailed() -> Int? {
        guard !isClosed, !waiters.isEmpty else {
            total -= 1
            return nil
        }
        return waiters.removeFirst()
    }

    /// Removes a waiter whose task was cancelled; false if it was already served.
    mutating func cancel(waiter: Int) -> Bool {
        guard let index = waiters.firstIndex(of: waiter) else { return false }
        waiters.remove(at: index)
        return true
    }

    /// Closes the pool: returns the idle connections to close and the waiters to fail.
    mutating func close() -> (idle: [Connection], waiters: [Int]) {
        isClosed = true
        let result = (idle, waiters)
        total -= idle.count
        idle = []
        waiters = []
        return result
    }
}
