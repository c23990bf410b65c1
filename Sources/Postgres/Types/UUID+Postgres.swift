import Foundation

extension UUID: PostgresArrayElement, PostgresDecodable {
    /// `uuid`.
    public static var postgresDataType: PostgresDataType { .uuid }
    /// `uuid[]`.
    public static var postgresArrayDataType: PostgresDataType { .uuidArray }
    /// The canonical lower-case form.
    public func postgresText() -> String? { uuidString.lowercased() }
    /// Decodes `uuid` (and UUID-shaped text).
    public static func decode(postgresText text: String, type: PostgresDataType) -> UUID? { UUID(uuidString: text) }
}
