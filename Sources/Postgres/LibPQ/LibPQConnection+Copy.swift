import CLibPQ

extension LibPQConnection {
    /// Starts `COPY … FROM STDIN`; the connection then accepts only copy data until `endCopy`.
    func beginCopy(sql: String) throws {
        let handle = try open()
        guard let result = PQexec(handle, sql) else { throw LibPQResult.error(from: nil, connection: handle) }
        defer { PQclear(result) }
        guard PQresultStatus(result) == PGRES_COPY_IN else {
            throw LibPQResult.error(from: result, connection: handle)
        }
    }

    /// Sends one chunk of COPY text data (blocking until libpq has buffered or sent it).
    func putCopyData(_ chunk: [UInt8]) throws {
        let handle = try open()
        let status = chunk.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { PQputCopyData(handle, $0.baseAddress, Int32($0.count)) }
        }
        guard status == 1 else { throw lostError("Sending COPY data failed") }
    }

    /// Ends the COPY, or aborts it with `failure` as the reason, and returns the rows copied.
    /// Reads every pending result so the connection is ready for the next statement.
    func endCopy(failure: String?) throws -> Int {
        let handle = try open()
        guard PQputCopyEnd(handle, failure) == 1 else { throw lostError("Ending COPY failed") }
        var outcome: Result<Int, PostgresError> = .failure(
            PostgresError(code: .protocol, message: "The server sent no result for COPY.")
        )
        var first = true
        while let result = PQgetResult(handle) {
            defer { PQclear(result) }
            guard first else { continue }
            first = false
            if PQresultStatus(result) == PGRES_COMMAND_OK {
                outcome = .success(LibPQResult.rows(from: result).affectedRows)
            } else {
                outcome = .failure(LibPQResult.error(from: result, connection: handle))
            }
        }
        return try outcome.get()
    }
}
