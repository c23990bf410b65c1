/// One result row; decode its values by column index or name.
public struct PostgresRow: Sendable {
    let storage: PostgresResultStorage
    let index: Int

    /// The result columns.
    public var columns: [PostgresColumn] { storage.columns }

    /// Decodes the value at column `column` (0-based). Decode an `Optional` to accept NULL.
    /// Throws a `decoding` error naming the column and types when the value does not fit.
    public func decode<Value: PostgresDecodable>(_ type: Value.Type = Value.self, at column: Int) throws -> Value {
        guard storage.columns.indices.contains(column) else {
            throw PostgresError(
                code: .decoding,
                message: "Column index \(column) is out of range: the result has \(storage.columns.count) column(s)."
            )
        }
        return try decodeValue(Value.self, column: column)
    }

    /// Decodes the value of the column called `name`. Decode an `Optional` to accept NULL.
    /// Throws a `decoding` error when there is no such column or the value does not fit.
    public func decode<Value: PostgresDecodable>(_ type: Value.Type = Value.self, column name: String) throws -> Value {
        guard let column = storage.columnIndex(named: name) else {
            let known = storage.columns.map(\.name).joined(separator: ", ")
            throw PostgresError(code: .decoding, message: "No column named \"\(name)\"; the result has: \(known).")
        }
        return try decodeValue(Value.self, column: column)
    }

    /// Whether the value at column `column` is SQL NULL (false for an out-of-range index).
    public func isNull(at column: Int) -> Bool {
        storage.columns.indices.contains(column) && storage.values[index * storage.columns.count + column] == nil
    }

    private func decodeValue<Value: PostgresDecodable>(_ type: Value.Type, column: Int) throws -> Value {
        let info = storage.columns[column]
        // Only an error needs the label, so it is not built for every value decoded.
        var label: String { "column \(column) \"\(info.name)\" (\(info.dataType))" }
        guard let text = storage.values[index * storage.columns.count + column] else {
            guard let null = Value.postgresNullValue else {
                throw PostgresError(
                    code: .decoding,
                    message: "\(label) is NULL and cannot be decoded as \(Value.self).",
                    hint: "Decode it as \(Value.self)? to accept NULL."
                )
            }
            return null
        }
        guard let value = Value.decode(postgresText: text, type: info.dataType) else {
            var message = "\(label) cannot be decoded as \(Value.self)"
            if let reason = Value.decodingFailureReason(postgresText: text, type: info.dataType) {
                message += ": \(reason)"
            }
            // The value itself is left out: it may be personal data.
            throw PostgresError(code: .decoding, message: message + " (value of \(text.utf8.count) bytes).")
        }
        return value
    }
}
