extension PostgresConnection {
    /// Bulk-loads `rows` with `COPY table (columns) FROM STDIN`, streaming them in text format in
    /// chunks, and returns the number of rows copied. Each row has one value per column; `nil`
    /// (or a `nil` optional) is NULL. Tabs, newlines and backslashes in values are escaped.
    ///
    /// `table` may be schema-qualified (`schema.table`); each part is quoted as an identifier.
    /// On any error the COPY is aborted and nothing is inserted.
    @discardableResult
    public func copyFrom<Rows: Sequence<[(any PostgresEncodable)?]>>(
        table: String,
        columns: [String],
        rows: Rows,
        isolation: isolated (any Actor)? = #isolation
    ) async throws -> Int {
        let target = table.split(separator: ".").map { PostgresQuery.quoteIdentifier(String($0)) }.joined(
            separator: "."
        )
        let columnList = columns.map(PostgresQuery.quoteIdentifier).joined(separator: ", ")
        let sql = "COPY \(target) (\(columnList)) FROM STDIN"
        _ = try await run { try $0.beginCopy(sql: sql) }
        do {
            var chunk: [UInt8] = []
            chunk.reserveCapacity(Self.copyChunkSize + 4096)
            for (rowNumber, row) in rows.enumerated() {
                guard row.count == columns.count else {
                    throw PostgresError(
                        code: .encoding,
                        message: "COPY row \(rowNumber + 1) has \(row.count) value(s) for \(columns.count) column(s)."
                    )
                }
                try Self.appendCopyRow(row, to: &chunk)
                if chunk.count >= Self.copyChunkSize {
                    let full = chunk
                    try await run { try $0.putCopyData(full) }
                    chunk.removeAll(keepingCapacity: true)
                }
            }
            let rest = chunk
            return try await run { connection in
                if !rest.isEmpty { try connection.putCopyData(rest) }
                return try connection.endCopy(failure: nil)
            }
        } catch {
            let reason = "COPY aborted by the client: \(error)"
            _ = try? await run { try $0.endCopy(failure: reason) }
            throw error
        }
    }

    /// Bytes buffered before a chunk is handed to libpq.
    static let copyChunkSize = 256 * 1024

    /// Appends one COPY text-format line: tab-separated, `\N` for NULL, special bytes escaped.
    static func appendCopyRow(_ row: [(any PostgresEncodable)?], to buffer: inout [UInt8]) throws {
        for (index, value) in row.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: "\t")) }
            guard let text = try value?.postgresText() else {
                buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "N")])
                continue
            }
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "\\"): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
                case UInt8(ascii: "\t"): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                case UInt8(ascii: "\n"): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                case UInt8(ascii: "\r"): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                default: buffer.append(byte)
                }
            }
        }
        buffer.append(UInt8(ascii: "\n"))
    }
}
