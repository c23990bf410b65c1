/// An error raised by the PostgreSQL client: a failed connection, a server error with its
/// SQLSTATE, a value that cannot be decoded, or misuse such as a closed connection.
///
/// Messages never contain passwords: connection strings are redacted before they are quoted.
public struct PostgresError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure happened. Extensible: new codes may be added in later versions.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// The connection could not be established (server down, wrong host, authentication).
        public static let connectionFailed = Code("connectionFailed")
        /// An established connection broke while in use (server restart, backend terminated).
        public static let connectionLost = Code("connectionLost")
        /// The server rejected a statement; `sqlState` says why.
        public static let server = Code("server")
        /// A column value does not fit the requested Swift type, or the column does not exist.
        public static let decoding = Code("decoding")
        /// A parameter value could not be encoded (for example JSON encoding failed).
        public static let encoding = Code("encoding")
        /// libpq or the server answered in a way this client did not expect.
        public static let `protocol` = Code("protocol")
        /// The connection or pool was already closed.
        public static let closed = Code("closed")
        /// The configuration (URL or conninfo string) is invalid.
        public static let configuration = Code("configuration")

        /// The code's name, e.g. `connectionFailed`.
        public var description: String { name }
    }

    /// What kind of failure happened.
    public var code: Code
    /// The five-character SQLSTATE reported by the server (e.g. `23505`), when there is one.
    public var sqlState: String?
    /// The primary, human-readable message.
    public var message: String
    /// Optional secondary detail from the server.
    public var detail: String?
    /// Optional suggestion from the server on how to fix the problem.
    public var hint: String?

    /// Creates an error. Library users rarely need this except in tests.
    public init(code: Code, message: String, sqlState: String? = nil, detail: String? = nil, hint: String? = nil) {
        self.code = code
        self.message = message
        self.sqlState = sqlState
        self.detail = detail
        self.hint = hint
    }

    /// Whether running the same work again (on a fresh connection if needed) may succeed:
    /// connection failures, SQLSTATE class 08 (connection), 53 (insufficient resources),
    /// 40001 (serialization failure), 40P01 (deadlock) and 57P01–57P03 (shutdown, cannot connect now).
    public var isRetriable: Bool {
        if code == .connectionFailed || code == .connectionLost { return true }
        guard let sqlState else { return false }
        if sqlState.hasPrefix("08") || sqlState.hasPrefix("53") { return true }
        return ["40001", "40P01", "57P01", "57P02", "57P03"].contains(sqlState)
    }

    /// Whether the connection that produced this error can no longer be used and must be discarded.
    var breaksConnection: Bool {
        if code == .connectionLost || code == .connectionFailed || code == .closed { return true }
        guard let sqlState else { return false }
        return sqlState.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains(sqlState)
    }

    /// A one-line description with everything a person needs to act on the error.
    public var description: String {
        var text = "PostgreSQL \(code)"
        if let sqlState { text += " [SQLSTATE \(sqlState)]" }
        text += ": \(message)"
        if let detail { text += " Detail: \(detail)" }
        if let hint { text += " Hint: \(hint)" }
        if isRetriable { text += " (retriable)" }
        return text
    }
}
