import Foundation

/// A `Codable` value stored as `jsonb` (or `json`): bind it as a parameter, decode it from a column.
public struct PostgresJSON<Value: Codable & Sendable>: Sendable, PostgresEncodable, PostgresDecodable {
    /// The wrapped value.
    public var value: Value

    /// Wraps `value`.
    public init(_ value: Value) { self.value = value }

    /// `jsonb` (it converts to `json` on assignment, so both column types accept it).
    public static var postgresDataType: PostgresDataType { .jsonb }

    /// The value encoded with a default `JSONEncoder`; throws an `encoding` error if that fails.
    public func postgresText() throws -> String? {
        String(decoding: try json(), as: UTF8.self)
    }

    /// The JSON bytes, appended as they are (`JSONEncoder` writes valid UTF-8).
    public func appendPostgresText(to buffer: inout [UInt8]) throws -> Bool {
        buffer.append(contentsOf: try json())
        return true
    }

    private func json() throws -> Data {
        do {
            return try JSONEncoder().encode(value)
        } catch {
            throw PostgresError(code: .encoding, message: "Cannot encode \(Value.self) as JSON: \(error)")
        }
    }

    /// Decodes `json`/`jsonb` text with a default `JSONDecoder`.
    public static func decode(postgresText text: String, type: PostgresDataType) -> PostgresJSON<Value>? {
        (try? JSONDecoder().decode(Value.self, from: Data(text.utf8))).map(PostgresJSON.init)
    }

    /// The `JSONDecoder` error, which names the missing key or mismatched type.
    public static func decodingFailureReason(postgresText text: String, type: PostgresDataType) -> String? {
        do {
            _ = try JSONDecoder().decode(Value.self, from: Data(text.utf8))
            return nil
        } catch {
            return "\(error)"
        }
    }
}

extension PostgresJSON: Equatable where Value: Equatable {}
extension PostgresJSON: Hashable where Value: Hashable {}
