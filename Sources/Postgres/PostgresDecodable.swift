/// A Swift type that can be read from a column value in PostgreSQL's text format.
public protocol PostgresDecodable: Sendable {
    /// Decodes `text`, returned by the server for a column of `type`; `nil` when it does not fit.
    static func decode(postgresText text: String, type: PostgresDataType) -> Self?

    /// The value that SQL NULL decodes to, or `nil` when NULL is not acceptable for this type.
    static var postgresNullValue: Self? { get }

    /// Why the last decode of `text` failed, when more can be said than "does not fit".
    static func decodingFailureReason(postgresText text: String, type: PostgresDataType) -> String?
}

extension PostgresDecodable {
    /// By default NULL is not acceptable; decode an `Optional` to accept it.
    public static var postgresNullValue: Self? { nil }

    /// By default there is nothing more to say.
    public static func decodingFailureReason(postgresText text: String, type: PostgresDataType) -> String? { nil }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    /// Decodes the wrapped type.
    public static func decode(postgresText text: String, type: PostgresDataType) -> Self? {
        Wrapped.decode(postgresText: text, type: type).map { .some($0) }
    }

    /// NULL decodes to `nil`.
    public static var postgresNullValue: Self? { .some(.none) }

    /// The wrapped type's reason.
    public static func decodingFailureReason(postgresText text: String, type: PostgresDataType) -> String? {
        Wrapped.decodingFailureReason(postgresText: text, type: type)
    }
}
