import CLibPQ

/// Turns a `PGresult` into rows or a `PostgresError`, and always frees it.
enum LibPQResult {
    /// Reads `result` completely and clears it. A missing result or a failed status becomes an error.
    static func consume(_ result: OpaquePointer?, connection: OpaquePointer) throws -> PostgresRows {
        guard let result else {
            throw error(from: nil, connection: connection)
        }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return rows(from: result)
        case PGRES_COPY_IN, PGRES_COPY_OUT, PGRES_COPY_BOTH:
            throw PostgresError(
                code: .protocol,
                message: "The statement started a COPY; use copyFrom(table:columns:rows:) for COPY FROM STDIN."
            )
        default:
            throw error(from: result, connection: connection)
        }
    }

    /// Copies every cell into Swift memory so the `PGresult` can be freed at once.
    static func rows(from result: OpaquePointer) -> PostgresRows {
        let columnCount = Int(PQnfields(result))
        let rowCount = Int(PQntuples(result))
        let columns = (0..<columnCount).map { column in
            PostgresColumn(
                name: PQfname(result, Int32(column)).map { String(cString: $0) } ?? "?column?",
                dataType: PostgresDataType(oid: PQftype(result, Int32(column)))
            )
        }
        var values: [String?] = []
        values.reserveCapacity(rowCount * columnCount)
        for row in 0..<Int32(rowCount) {
            for column in 0..<Int32(columnCount) {
                if PQgetisnull(result, row, column) == 1 {
                    values.append(nil)
                } else {
                    let length = Int(PQgetlength(result, row, column))
                    let bytes = UnsafeRawBufferPointer(start: PQgetvalue(result, row, column), count: length)
                    values.append(String(decoding: bytes, as: UTF8.self))
                }
            }
        }
        let commandTag = PQcmdStatus(result).map { String(cString: $0) } ?? ""
        let affected = PQcmdTuples(result).flatMap { Int(String(cString: $0)) } ?? 0
        return PostgresRows(
            storage: PostgresResultStorage(columns: columns, rowCount: rowCount, values: values),
            affectedRows: affected,
            commandTag: commandTag
        )
    }

    /// The server's error fields, or libpq's message when there is no result. A broken
    /// connection is reported as `connectionLost` whatever the server said last.
    static func error(from result: OpaquePointer?, connection: OpaquePointer) -> PostgresError {
        func field(_ code: UInt8) -> String? {
            guard let result, let value = PQresultErrorField(result, Int32(code)) else { return nil }
            return String(cString: value)
        }
        let sqlState = field(UInt8(ascii: "C"))
        let primary = field(UInt8(ascii: "M"))
        let fallback = result.flatMap { PQresultErrorMessage($0) }.map { String(cString: $0) } ?? ""
        var message = (primary ?? (fallback.isEmpty ? String(cString: PQerrorMessage(connection)) : fallback))
            .trimmingWhitespace()
        if message.isEmpty { message = "Unknown error from libpq." }
        let broken = PQstatus(connection) == CONNECTION_BAD
        if broken, sqlState == nil || sqlState?.hasPrefix("08") == true || sqlState?.hasPrefix("57P") == true {
            message = "The connection to the server was lost: \(message)"
        }
        return PostgresError(
            code: broken ? .connectionLost : (sqlState == nil ? .protocol : .server),
            message: message,
            sqlState: sqlState,
            detail: field(UInt8(ascii: "D")),
            hint: field(UInt8(ascii: "H"))
        )
    }
}
