import Foundation
import Postgres

extension PostgresRow {
    /// Decodes a text column into a domain enumeration, naming the table and value when the
    /// stored text is not one of its cases.
    func decode<Value: RawRepresentable>(_ type: Value.Type, at column: Int, in table: String) throws -> Value
    where Value.RawValue == String {
        let text = try decode(String.self, at: column)
        guard let value = Value(rawValue: text) else {
            throw StoreError(
                code: .corruptRow,
                message: "\(table).\(columns[column].name) holds `\(text)`, which is not a \(Value.self)"
            )
        }
        return value
    }

    /// Decodes an optional text column into an optional domain enumeration.
    func decode<Value: RawRepresentable>(_ type: Value?.Type, at column: Int, in table: String) throws -> Value?
    where Value.RawValue == String {
        if isNull(at: column) { return nil }
        return try decode(Value.self, at: column, in: table)
    }

    /// Decodes a `text[]` column into an array of domain enumerations.
    func decode<Value: RawRepresentable>(_ type: [Value].Type, at column: Int, in table: String) throws -> [Value]
    where Value.RawValue == String {
        try decode([String].self, at: column).map { text in
            guard let value = Value(rawValue: text) else {
                throw StoreError(
                    code: .corruptRow,
                    message: "\(table).\(columns[column].name) holds `\(text)`, which is not a \(Value.self)"
                )
            }
            return value
        }
    }
}

extension Date {
    /// The instant rounded to whole microseconds, PostgreSQL's precision, so that a value read
    /// back from the store equals the one written.
    var roundedToMicroseconds: Date {
        Date(timeIntervalSince1970: (timeIntervalSince1970 * 1_000_000).rounded() / 1_000_000)
    }
}

extension Array where Element: PostgresArrayElement {
    /// The array's text literal (`{"a","b"}`), for passing a nested array inside a `text[]`
    /// parameter and casting it back per row (`unnest($1::text[])::text[]`).
    func arrayLiteral() throws -> String {
        try postgresText() ?? "{}"
    }
}

/// The channels on which the store tells workers there is new work.
public enum StoreChannel {
    /// Notified when obligations were opened or changed: the deadline enforcer re-reads
    /// `DeadlineStore.nextWakeUp()`.
    public static let deadlines = "watchpost_deadlines"
    /// Notified when deliveries were written: the dispatcher looks for due deliveries.
    public static let deliveries = "watchpost_deliveries"
    /// Notified when messages were queued in the outbox: the relay publishes them.
    public static let outbox = "watchpost_outbox"
}
