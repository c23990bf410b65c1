import Postgres

/// An error raised by the store: a database failure (with its `PostgresError`), a lost race the
/// caller should retry, a migration problem, or a stored row that cannot be read back.
///
/// `isRetriable` says whether running the same work again may succeed: it passes through the
/// database's answer (connection loss, serialization failure, deadlock) and is true for
/// `concurrentIncident`.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure happened. Extensible: new codes may be added in later versions.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// The database refused or failed a statement; see `underlying`.
        public static let database = Code("database")
        /// Another worker opened an incident for the same post (unit and dedup key) at the same
        /// moment. Retry the batch: the report then attaches to that incident as evidence.
        public static let concurrentIncident = Code("concurrentIncident")
        /// The migration files could not be found or read, or are misnamed.
        public static let migrationFiles = Code("migrationFiles")
        /// An applied migration's file changed since it was applied.
        public static let migrationChanged = Code("migrationChanged")
        /// The database is at a newer schema version than this program knows.
        public static let unknownMigration = Code("unknownMigration")
        /// A stored value does not fit the domain (e.g. an unknown status); the row names it.
        public static let corruptRow = Code("corruptRow")

        /// The code's name, e.g. `concurrentIncident`.
        public var description: String { name }
    }

    /// What kind of failure happened.
    public var code: Code
    /// What went wrong, for a person to act on.
    public var message: String
    /// The database error behind it, if any.
    public var underlying: PostgresError?
    /// Whether running the same work again (e.g. the whole batch) may succeed.
    public var isRetriable: Bool

    /// Creates an error.
    public init(code: Code, message: String, underlying: PostgresError? = nil, isRetriable: Bool = false) {
        self.code = code
        self.message = message
        self.underlying = underlying
        self.isRetriable = isRetriable
    }

    /// One line with the code, the message, the database error and whether to retry.
    public var description: String {
        var text = "Watchpost store \(code): \(message)"
        if let underlying { text += " (\(underlying))" }
        if isRetriable && underlying?.isRetriable != true { text += " (retriable)" }
        return text
    }

    /// Runs `body` and turns any `PostgresError` into a `StoreError` that says what was being done.
    /// Store errors, cancellation and the caller's own errors pass through unchanged.
    static func wrapping<Value>(
        _ action: String,
        isolation: isolated (any Actor)? = #isolation,
        _ body: () async throws -> Value
    ) async throws -> Value {
        do {
            return try await body()
        } catch let error as PostgresError {
            throw StoreError(database: error, while: action)
        }
    }

    /// Classifies a database error; a unique violation on the open-incident dedup index is the
    /// race two workers lose when they open the same post at once.
    init(database error: PostgresError, while action: String) {
        if error.sqlState == "23505", error.message.contains(Self.openDedupIndex) {
            self.init(
                code: .concurrentIncident,
                message: "another worker opened an incident for the same post while \(action); retry the batch",
                underlying: error,
                isRetriable: true
            )
        } else {
            self.init(
                code: .database,
                message: "failed while \(action)",
                underlying: error,
                isRetriable: error.isRetriable
            )
        }
    }

    /// The partial unique index on open incidents by unit and dedup key (migration 0001).
    static let openDedupIndex = "incidents_open_dedup_key"
}
