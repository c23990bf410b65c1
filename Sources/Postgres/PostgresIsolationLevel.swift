/// A transaction isolation level for `BEGIN ISOLATION LEVEL …`.
public enum PostgresIsolationLevel: String, Sendable, CaseIterable {
    /// `READ COMMITTED` (PostgreSQL's default).
    case readCommitted = "READ COMMITTED"
    /// `REPEATABLE READ`.
    case repeatableRead = "REPEATABLE READ"
    /// `SERIALIZABLE`; be ready to retry on SQLSTATE 40001.
    case serializable = "SERIALIZABLE"
}
