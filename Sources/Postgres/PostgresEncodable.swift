/// A Swift value that can be bound as a query parameter, sent in PostgreSQL's text format.
public protocol PostgresEncodable: Sendable {
    /// The parameter type announced to the server; `.unspecified` lets the server infer it.
    static var postgresDataType: PostgresDataType { get }

    /// The value in PostgreSQL's text input format, or `nil` for SQL NULL.
    func postgresText() throws -> String?

    /// Appends the UTF-8 bytes of `postgresText()` to `buffer` and returns `true`, or returns
    /// `false` and appends nothing for SQL NULL.
    ///
    /// This is how parameters are actually encoded: every value of a statement goes into one
    /// buffer, without a `String` per value. The default calls `postgresText()`; the built-in
    /// types write their bytes directly, and any override must write exactly those bytes.
    func appendPostgresText(to buffer: inout [UInt8]) throws -> Bool
}

extension PostgresEncodable {
    /// Appends the bytes of `postgresText()`.
    public func appendPostgresText(to buffer: inout [UInt8]) throws -> Bool {
        guard let text = try postgresText() else { return false }
        buffer.append(contentsOf: text.utf8)
        return true
    }
}

/// A type that can also be an element of a PostgreSQL array parameter (`text[]`, `uuid[]`, …).
public protocol PostgresArrayElement: PostgresEncodable {
    /// The array type whose elements have this type, e.g. `uuid[]` for `UUID`.
    static var postgresArrayDataType: PostgresDataType { get }
}

extension Optional: PostgresEncodable where Wrapped: PostgresEncodable {
    /// The wrapped type's PostgreSQL type; `nil` is sent as a typed NULL.
    public static var postgresDataType: PostgresDataType { Wrapped.postgresDataType }

    /// The wrapped value's text, or `nil` (SQL NULL).
    public func postgresText() throws -> String? {
        switch self {
        case .none: return nil
        case .some(let value): return try value.postgresText()
        }
    }

    /// The wrapped value's bytes, or nothing (SQL NULL).
    public func appendPostgresText(to buffer: inout [UInt8]) throws -> Bool {
        switch self {
        case .none: return false
        case .some(let value): return try value.appendPostgresText(to: &buffer)
        }
    }
}

extension Optional: PostgresArrayElement where Wrapped: PostgresArrayElement {
    /// The wrapped type's array type; `nil` elements become NULL elements.
    public static var postgresArrayDataType: PostgresDataType { Wrapped.postgresArrayDataType }
}
