/// A named statement prepared once per connection (`PQprepare`) and executed many times.
///
/// The value is reusable across connections: each connection prepares it on first use, with
/// parameter types taken from the first call's bindings. Use `$1…$n` placeholders in `sql`.
public struct PostgresPreparedStatement: Sendable, Hashable {
    /// The statement name on the server; must be unique per distinct SQL.
    public var name: String
    /// The SQL with `$n` placeholders.
    public var sql: String

    /// Creates a statement called `name`.
    public init(name: String, sql: String) {
        self.name = name
        self.sql = sql
    }
}
