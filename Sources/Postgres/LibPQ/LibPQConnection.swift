import CLibPQ
import Foundation
import Logging

/// Owns one `PGconn` and makes every libpq call on it. Each call blocks, so callers run them on
/// the connection's serial queue, never on Swift's cooperative pool.
///
/// `@unchecked Sendable`: the handle is moved to its owner's serial queue and only ever touched
/// there (see `PostgresConnection.run`), so no two threads use the `PGconn` at once.
final class LibPQConnection: @unchecked Sendable {
    private var handle: OpaquePointer?
    /// SQL of the statements prepared on this session, by name.
    private var preparedStatements: [String: String] = [:]
    /// Receives server notices; kept alive as long as the handle that points to it.
    private let noticeSink: NoticeSink

    private init(handle: OpaquePointer, noticeSink: NoticeSink) {
        self.handle = handle
        self.noticeSink = noticeSink
        // Without this, libpq prints every NOTICE/WARNING to stderr.
        PQsetNoticeProcessor(
            handle,
            { context, message in
                guard let context, let message else { return }
                let sink = Unmanaged<NoticeSink>.fromOpaque(context).takeUnretainedValue()
                sink.logger.debug(
                    "server notice",
                    metadata: ["notice": "\(String(cString: message).trimmingWhitespace())"]
                )
            },
            Unmanaged.passUnretained(noticeSink).toOpaque()
        )
    }

    deinit {
        if let handle { PQfinish(handle) }
    }

    /// Opens a connection with `PQconnectdbParams`; throws `connectionFailed` with libpq's reason.
    static func connect(parameters: [(keyword: String, value: String)], logger: Logger) throws -> LibPQConnection {
        let keywords = parameters.map(\.keyword)
        let values = parameters.map(\.value)
        let handle = CStringArray.with(keywords) { keywordPointers in
            CStringArray.with(values) { valuePointers in
                PQconnectdbParams(keywordPointers + [nil], valuePointers + [nil], 0)
            }
        }
        guard let handle else {
            throw PostgresError(code: .connectionFailed, message: "libpq could not allocate a connection.")
        }
        guard PQstatus(handle) == CONNECTION_OK else {
            let password = parameters.first { $0.keyword == "password" }?.value
            var reason = String(cString: PQerrorMessage(handle)).trimmingWhitespace()
            if let password, !password.isEmpty { reason = reason.replacingOccurrences(of: password, with: "***") }
            PQfinish(handle)
            let target = parameters.first { $0.keyword == "host" }.map { " to \($0.value)" } ?? ""
            throw PostgresError(
                code: .connectionFailed,
                message: "Could not connect\(target): \(reason)",
                hint: "Check that the server is running and that host, port, user, database and sslmode are right."
            )
        }
        return LibPQConnection(handle: handle, noticeSink: NoticeSink(logger: logger))
    }

    /// Whether `finish()` has been called.
    var isClosed: Bool { handle == nil }

    /// The server process id of this session (for `pg_terminate_backend` and diagnostics).
    var backendPID: Int32 { handle.map { PQbackendPID($0) } ?? 0 }

    /// Runs one statement with text parameters (`PQexecParams`) and reads the whole result.
    func execute(sql: String, parameters: PostgresParameters) throws -> PostgresRows {
        let handle = try open()
        let result = parameters.withValuePointers { values in
            PQexecParams(handle, sql, Int32(values.count), parameters.types, values, nil, nil, 0)
        }
        return try LibPQResult.consume(result, connection: handle)
    }

    /// Runs one or more statements without parameters (`PQexec`); returns the last result.
    func executeScript(sql: String) throws -> PostgresRows {
        let handle = try open()
        return try LibPQResult.consume(PQexec(handle, sql), connection: handle)
    }

    /// Runs a named prepared statement, preparing it on this session the first time.
    func executePrepared(name: String, sql: String, parameters: PostgresParameters) throws -> PostgresRows {
        let handle = try open()
        if let preparedSQL = preparedStatements[name] {
            guard preparedSQL == sql else {
                throw PostgresError(
                    code: .protocol,
                    message: "Prepared statement \"\(name)\" already exists on this connection with different SQL.",
                    hint: "Give each distinct statement its own name."
                )
            }
        } else {
            let prepared = PQprepare(handle, name, sql, Int32(parameters.count), parameters.types)
            _ = try LibPQResult.consume(prepared, connection: handle)
            preparedStatements[name] = sql
        }
        let result = parameters.withValuePointers { values in
            PQexecPrepared(handle, name, Int32(values.count), values, nil, nil, 0)
        }
        return try LibPQResult.consume(result, connection: handle)
    }

    /// Whether the session can be handed out again: open, outside any transaction, and not
    /// closed by the server while idle (checked without a round trip by reading what is pending).
    func isReusable() -> Bool {
        guard let handle, PQstatus(handle) == CONNECTION_OK, PQtransactionStatus(handle) == PQTRANS_IDLE else {
            return false
        }
        // A terminated backend leaves its farewell error and then end-of-file in the socket;
        // libpq notices the end only on a read after the data, hence the loop (bounded, as a
        // session that keeps receiving notifications is always readable).
        for _ in 0..<4 {
            let readable = watchpost_pq_wait_readable(handle, 0)
            if readable < 0 { return false }
            if readable == 0 { break }
            if PQconsumeInput(handle) == 0 { return false }
        }
        return PQstatus(handle) == CONNECTION_OK
    }

    /// Whether libpq considers the connection broken.
    var isBroken: Bool {
        guard let handle else { return true }
        return PQstatus(handle) == CONNECTION_BAD
    }

    /// Closes the session (`PQfinish`); later calls throw `closed`.
    func finish() {
        if let handle { PQfinish(handle) }
        handle = nil
        preparedStatements = [:]
    }

    /// The live handle, or a `closed` error.
    func open() throws -> OpaquePointer {
        guard let handle else {
            throw PostgresError(code: .closed, message: "The connection is closed.")
        }
        return handle
    }

    /// A `connectionLost` error carrying libpq's current error message.
    func lostError(_ context: String) -> PostgresError {
        let reason = handle.map { String(cString: PQerrorMessage($0)).trimmingWhitespace() } ?? "closed"
        return PostgresError(code: .connectionLost, message: "\(context): \(reason)")
    }
}

/// Where a connection's server notices go (a class, so libpq can hold a pointer to it).
final class NoticeSink {
    let logger: Logger
    init(logger: Logger) { self.logger = logger }
}

/// Lends C string pointers for the duration of a call, copying all strings into one buffer.
enum CStringArray {
    static func with<Result>(
        _ strings: [String?],
        _ body: ([UnsafePointer<CChar>?]) -> Result
    ) -> Result {
        var buffer: [CChar] = []
        var offsets: [Int?] = []
        for string in strings {
            guard let string else {
                offsets.append(nil)
                continue
            }
            offsets.append(buffer.count)
            buffer.append(contentsOf: string.utf8.map { CChar(bitPattern: $0) })
            buffer.append(0)
        }
        return buffer.withUnsafeBufferPointer { storage in
            body(
                offsets.map { offset -> UnsafePointer<CChar>? in
                    guard let offset, let base = storage.baseAddress else { return nil }
                    return base + offset
                }
            )
        }
    }

    static func with<Result>(_ strings: [String], _ body: ([UnsafePointer<CChar>?]) -> Result) -> Result {
        with(strings.map(Optional.some), body)
    }
}
