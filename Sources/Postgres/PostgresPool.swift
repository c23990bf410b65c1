import Logging
import Synchronization

/// A bounded pool of connections. Tasks that find every connection busy wait — suspended, never
/// blocking a thread — and are served in arrival order.
///
/// A connection that broke (server restart, terminated backend) or came back mid-transaction is
/// closed instead of reused and replaced on demand, so the pool recovers once the server is back.
public final class PostgresPool: Sendable {
    /// Where and how to connect.
    public let configuration: PostgresConfiguration
    /// The most connections open at once.
    public let maxConnections: Int
    private let logger: Logger
    private let state: Mutex<State>

    private enum Lease: Sendable {
        case connection(PostgresConnection)
        case create
    }

    private struct State {
        var machine: PostgresPoolStateMachine<PostgresConnection>
        var continuations: [Int: CheckedContinuation<Lease, any Error>] = [:]
        var nextWaiterID = 0
    }

    /// Creates a pool; connections are opened lazily, when first needed.
    /// `maxConnections` below 1 is treated as 1.
    public init(
        configuration: PostgresConfiguration,
        maxConnections: Int,
        logger: Logger = Logger(label: "postgres.pool")
    ) {
        self.configuration = configuration
        self.maxConnections = max(1, maxConnections)
        self.logger = logger
        self.state = Mutex(State(machine: PostgresPoolStateMachine(maxConnections: maxConnections)))
    }

    /// Connections currently open or being opened, idle or in use (never above `maxConnections`).
    public var openConnectionCount: Int { state.withLock { $0.machine.total } }

    /// Lends a connection to `body` and takes it back afterwards, even if `body` throws.
    /// Do not keep the connection beyond `body`.
    public func withConnection<Value>(
        isolation: isolated (any Actor)? = #isolation,
        _ body: (PostgresConnection) async throws -> Value
    ) async throws -> Value {
        let connection = try await acquire()
        do {
            let value = try await body(connection)
            await release(connection)
            return value
        } catch {
            await release(connection)
            throw error
        }
    }

    /// Runs `body` in a transaction on a pooled connection: COMMIT on success, ROLLBACK and
    /// rethrow on error.
    public func withTransaction<Value>(
        isolationLevel: PostgresIsolationLevel? = nil,
        isolation: isolated (any Actor)? = #isolation,
        _ body: (PostgresConnection) async throws -> Value
    ) async throws -> Value {
        try await withConnection { connection in
            try await connection.transaction(isolationLevel: isolationLevel) { try await body($0) }
        }
    }

    /// Closes idle connections, fails waiting tasks with a `closed` error, and closes leased
    /// connections as they come back. Later `withConnection` calls throw `closed`.
    public func close() async {
        let (idle, waiters) = state.withLock { state in
            let (idle, waiterIDs) = state.machine.close()
            let waiters = waiterIDs.compactMap { state.continuations.removeValue(forKey: $0) }
            return (idle, waiters)
        }
        for waiter in waiters { waiter.resume(throwing: Self.closedError) }
        for connection in idle { await connection.close() }
    }

    private static let closedError = PostgresError(code: .closed, message: "The connection pool is closed.")

    private func acquire() async throws -> PostgresConnection {
        let waiter = state.withLock { state in
            state.nextWaiterID += 1
            return state.nextWaiterID
        }
        let lease = try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Lease, any Error>) in
                let action = state.withLock { state -> PostgresPoolStateMachine<PostgresConnection>.AcquireAction? in
                    // Checked under the lock so a cancellation racing with enqueueing is never lost.
                    if Task.isCancelled { return nil }
                    let action = state.machine.acquire(waiter: waiter)
                    if case .wait = action { state.continuations[waiter] = continuation }
                    return action
                }
                switch action {
                case nil: continuation.resume(throwing: CancellationError())
                case .use(let connection): continuation.resume(returning: .connection(connection))
                case .create: continuation.resume(returning: .create)
                case .failClosed: continuation.resume(throwing: Self.closedError)
                case .wait: break
                }
            }
        } onCancel: {
            let continuation = state.withLock { state in
                state.machine.cancel(waiter: waiter) ? state.continuations.removeValue(forKey: waiter) : nil
            }
            continuation?.resume(throwing: CancellationError())
        }
        switch lease {
        case .connection(let connection):
            if await connection.isReusable() { return connection }
            // It died while idle (e.g. the server restarted): keep its slot for a fresh one.
            logger.info("discarding a broken idle connection", metadata: ["backend_pid": "\(connection.backendPID)"])
            await connection.close()
            return try await create()
        case .create:
            return try await create()
        }
    }

    /// Opens a connection in a slot already reserved by the state machine.
    private func create() async throws -> PostgresConnection {
        do {
            return try await PostgresConnection.connect(configuration: configuration, logger: logger)
        } catch {
            let next = state.withLock { state in
                state.machine.creationFailed().flatMap { state.continuations.removeValue(forKey: $0) }
            }
            next?.resume(returning: .create)
            throw error
        }
    }

    private func release(_ connection: PostgresConnection) async {
        let reusable = await connection.isReusable()
        let (action, waiter) = state.withLock { state in
            let action = state.machine.release(connection, reusable: reusable)
            switch action {
            case .handOver(_, let id), .closeAndLetCreate(_, let id):
                return (action, state.continuations.removeValue(forKey: id))
            case .keep, .close:
                return (action, nil)
            }
        }
        switch action {
        case .keep:
            break
        case .handOver(let connection, _):
            waiter?.resume(returning: .connection(connection))
        case .close(let connection):
            await connection.close()
        case .closeAndLetCreate(let connection, _):
            waiter?.resume(returning: .create)
            await connection.close()
        }
    }
}
