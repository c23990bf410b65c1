extension String: PostgresArrayElement, PostgresDecodable {
    /// Unspecified, so the server infers the type from context (a `text`, `varchar` or enum
    /// column, or `$1::uuid`); a bare `SELECT $1` is `text`.
    public static var postgresDataType: PostgresDataType { .unspecified }
    /// `text[]`.
    public static var postgresArrayDataType: PostgresDataType { .textArray }
    /// The string itself.
    public func postgresText() -> String? { self }
    /// The string's UTF-8 bytes.
    public func appendPostgresText(to buffer: inout [UInt8]) -> Bool {
        buffer.append(contentsOf: utf8)
        return true
    }
    /// Any column's text form.
    public static func decode(postgresText text: String, type: PostgresDataType) -> String? { text }
}

extension Bool: PostgresArrayElement, PostgresDecodable {
    /// `boolean`.
    public static var postgresDataType: PostgresDataType { .bool }
    /// `boolean[]`.
    public static var postgresArrayDataType: PostgresDataType { .boolArray }
    /// `t` or `f`.
    public func postgresText() -> String? { self ? "t" : "f" }
    /// `t` or `f`, written directly.
    public func appendPostgresText(to buffer: inout [UInt8]) -> Bool {
        buffer.append(self ? UInt8(ascii: "t") : UInt8(ascii: "f"))
        return true
    }
    /// `t`/`f` as the server prints booleans (also `true`/`false`).
    public static func decode(postgresText text: String, type: PostgresDataType) -> Bool? {
        switch text {
        case "t", "true": return true
        case "f", "false": return false
        default: return nil
        }
    }
}

extension Double: PostgresArrayElement, PostgresDecodable {
    /// `double precision`.
    public static var postgresDataType: PostgresDataType { .float8 }
    /// `double precision[]`.
    public static var postgresArrayDataType: PostgresDataType { .float8Array }
    /// Shortest round-tripping decimal; NaN and infinities in PostgreSQL's spelling.
    public func postgresText() -> String? {
        if isNaN { return "NaN" }
        if isInfinite { return self < 0 ? "-Infinity" : "Infinity" }
        return description
    }
    /// The bytes of `postgresText()` (Swift's own shortest-digits printing, no `printf`).
    public func appendPostgresText(to buffer: inout [UInt8]) -> Bool {
        if isNaN {
            buffer.append(contentsOf: "NaN".utf8)
        } else if isInfinite {
            buffer.append(contentsOf: (self < 0 ? "-Infinity" : "Infinity").utf8)
        } else {
            buffer.append(contentsOf: description.utf8)
        }
        return true
    }
    /// Decodes `real`, `double precision` and `numeric` (rounded to the nearest double).
    public static func decode(postgresText text: String, type: PostgresDataType) -> Double? {
        switch text {
        case "NaN": return .nan
        case "Infinity": return .infinity
        case "-Infinity": return -.infinity
        default: return Double(text)
        }
    }
}
