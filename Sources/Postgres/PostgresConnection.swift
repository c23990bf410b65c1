import Dispatch
import Logging

/// One PostgreSQL session. Every blocking libpq call runs on the connection's own serial
/// dispatch queue and resumes the caller's continuation, so Swift's cooperative pool never blocks.
///
/// Statements from concurrent tasks run one after another, but a connection holds one session:
/// a transaction or COPY started by one task is visible to the others. Give each task its own
/// connection (see `PostgresPool`) when that matters. The session ends on `close()` or deinit.
public final class PostgresConnection: Sendable {
    /// The server process id of this session, e.g. for `pg_terminate_backend` or `pg_stat_activity`.
    public let backendPID: Int32
    let logger: Logger
    private let libpq: LibPQConnection
    private let queue: DispatchQueue

    private init(libpq: LibPQConnection, queue: DispatchQueue, logger: Logger) {
        self.libpq = libpq
        self.queue = queue
        self.logger = logger
        self.backendPID = libpq.backendPID
    }

    /// Opens a session. Throws `connectionFailed` (retriable) when the server cannot be reached or
    /// rejects the login; the message never contains the password.
    public static func connect(
        configuration: PostgresConfiguration,
        logger: Logger = Logger(label: "postgres")
    ) async throws -> PostgresConnection {
        // A serial queue that is not bound to any other: libdispatch gives it its own thread when busy.
        let queue = DispatchQueue(label: "postgres.connection")
        let parameters = configuration.libpqParameters
        let libpq = try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(
                    with: Result { try LibPQConnection.connect(parameters: parameters, logger: logger) }
                )
            }
        }
        let connection = PostgresConnection(libpq: libpq, queue: queue, logger: logger)
        logger.debug("connected to PostgreSQL", metadata: ["backend_pid": "\(connection.backendPID)"])
        return connection
    }

    /// Runs a statement and returns its rows. Interpolated values are sent as parameters.
    @discardableResult
    public func query(_ query: PostgresQuery) async throws -> PostgresRows {
        let parameters = try PostgresParameters(query.bindings)
        let sql = query.sql
        return try await run { try $0.execute(sql: sql, parameters: parameters) }
    }

    /// Runs a statement and returns the number of rows it affected.
    @discardableResult
    public func execute(_ query: PostgresQuery) async throws -> Int {
        try await self.query(query).affectedRows
    }

    /// Runs SQL that may contain several statements separated by `;` and no parameters,
    /// such as a migration file. UNSAFE with untrusted text: nothing is escaped.
    public func executeScript(_ sql: String) async throws {
        _ = try await run { try $0.executeScript(sql: sql) }
    }

    /// Runs a prepared statement, preparing it on this connection the first time it is used.
    @discardableResult
    public func query(
        _ statement: PostgresPreparedStatement,
        _ bindings: [any PostgresEncodable] = []
    ) async throws -> PostgresRows {
        let parameters = try PostgresParameters(bindings)
        return try await run {
            try $0.executePrepared(name: statement.name, sql: statement.sql, parameters: parameters)
        }
    }

    /// Runs a prepared statement and returns the number of rows it affected.
    @discardableResult
    public func execute(
        _ statement: PostgresPreparedStatement,
        _ bindings: [any PostgresEncodable] = []
    ) async throws -> Int {
        try await query(statement, bindings).affectedRows
    }

    /// Ends the session. Later calls throw a `closed` error. Safe to call more than once.
    public func close() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            queue.async {
                self.libpq.finish()
                continuation.resume()
            }
        }
    }

    /// Whether the session can be reused: open, idle outside a transaction, not closed by the server.
    func isReusable() async -> Bool {
        (try? await run { $0.isReusable() }) ?? false
    }

    /// Runs `body` on this connection's serial queue, where alone the libpq handle is touched.
    func run<Value: Sendable>(_ body: @escaping @Sendable (LibPQConnection) throws -> Value) async throws -> Value {
        let libpq = self.libpq
        return try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try body(libpq) })
            }
        }
    }
}
