/// A SQL statement whose interpolated values become bound parameters (`$1`, `$2`, …), so values
/// never need escaping: `"SELECT * FROM t WHERE id = \(id) AND name = \(name)"`.
///
/// Raw SQL is spliced in only through the explicitly unsafe `\(unescaped:)`; identifiers
/// chosen at run time should use `\(identifier:)`, which quotes them.
public struct PostgresQuery: Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The SQL text with `$n` placeholders.
    public var sql: String
    /// The bound values, in placeholder order.
    public var bindings: [any PostgresEncodable]

    /// Builds a query from SQL that already uses `$n` placeholders and their values.
    /// Unsafe if `sql` contains untrusted text.
    public init(unsafeSQL sql: String, bindings: [any PostgresEncodable] = []) {
        self.sql = sql
        self.bindings = bindings
    }

    /// A query without parameters.
    public init(stringLiteral value: String) {
        self.init(unsafeSQL: value)
    }

    /// A query built by interpolation.
    public init(stringInterpolation: StringInterpolation) {
        self.init(unsafeSQL: stringInterpolation.sql, bindings: stringInterpolation.bindings)
    }

    /// The SQL text and the number of parameters, never their values (they may be secret).
    public var description: String { "\(sql) [\(bindings.count) parameter(s)]" }

    /// Collects SQL text and bound values while a query literal is interpolated.
    public struct StringInterpolation: StringInterpolationProtocol, Sendable {
        var sql = ""
        var bindings: [any PostgresEncodable] = []

        /// Reserves space for the literal.
        public init(literalCapacity: Int, interpolationCount: Int) {
            sql.reserveCapacity(literalCapacity + interpolationCount * 3)
            bindings.reserveCapacity(interpolationCount)
        }

        /// Appends SQL text from the literal itself.
        public mutating func appendLiteral(_ literal: String) {
            sql += literal
        }

        /// Binds `value` as the next parameter. `nil` optionals are bound as NULL.
        public mutating func appendInterpolation<Value: PostgresEncodable>(_ value: Value) {
            bindings.append(value)
            appendPlaceholder()
        }

        /// Binds an optional value as the next parameter; `nil` is bound as a typed NULL.
        public mutating func appendInterpolation<Value: PostgresEncodable>(_ value: Value?) {
            bindings.append(value)
            appendPlaceholder()
        }

        /// `$n` for the binding just appended, without string interpolation.
        private mutating func appendPlaceholder() {
            sql.append("$")
            sql.append(String(bindings.count))
        }

        /// Splices `sql` into the statement as is. UNSAFE with untrusted input: it is not escaped.
        public mutating func appendInterpolation(unescaped sql: String) {
            self.sql += sql
        }

        /// Splices an identifier (table, column, schema) quoted with double quotes, so any name is safe.
        public mutating func appendInterpolation(identifier: String) {
            sql += PostgresQuery.quoteIdentifier(identifier)
        }
    }

    /// `name` as a double-quoted SQL identifier, with embedded quotes doubled.
    public static func quoteIdentifier(_ name: String) -> String {
        "\"" + name.replacingAll("\"", with: "\"\"") + "\""
    }
}

extension String {
    /// Replaces every occurrence of `target` (without pulling in Foundation).
    func replacingAll(_ target: Character, with replacement: String) -> String {
        guard contains(target) else { return self }
        var result = ""
        result.reserveCapacity(count + 8)
        for character in self {
            if character == target { result += replacement } else { result.append(character) }
        }
        return result
    }
}
