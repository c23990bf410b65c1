extension PostgresConnection {
    /// Runs `body` inside `BEGIN … COMMIT`. If `body` throws, the transaction is rolled back and
    /// the error rethrown. Throws a `server` error if the server rolled back at COMMIT (because a
    /// statement inside failed and the error was caught), so a lost write is never silent.
    public func transaction<Value>(
        isolationLevel: PostgresIsolationLevel? = nil,
        isolation: isolated (any Actor)? = #isolation,
        _ body: (PostgresConnection) async throws -> Value
    ) async throws -> Value {
        let begin = isolationLevel.map { "BEGIN ISOLATION LEVEL \($0.rawValue)" } ?? "BEGIN"
        _ = try await run { try $0.executeScript(sql: begin) }
        let result: Value
        do {
            result = try await body(self)
        } catch {
            do {
                _ = try await run { try $0.executeScript(sql: "ROLLBACK") }
            } catch let rollbackError {
                logger.warning("ROLLBACK failed after an error", metadata: ["error": "\(rollbackError)"])
            }
            throw error
        }
        let commit = try await run { try $0.executeScript(sql: "COMMIT") }
        if commit.commandTag == "ROLLBACK" {
            throw PostgresError(
                code: .server,
                message: "The transaction was rolled back at COMMIT because a statement in it had failed.",
                sqlState: "25P02",
                hint: "Let the statement's error propagate out of the transaction body, or use a savepoint."
            )
        }
        return result
    }
}
