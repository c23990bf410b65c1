import Postgres
import Testing

@Suite("Transactions", .timeLimit(.minutes(5)))
struct TransactionTests {
    struct Abort: Error {}

    @Test
    func thrownErrorRollsBackAndSuccessCommits() async throws {
        try await TestDatabase.withConnection { connection, _ in
            try await connection.execute("CREATE TABLE note (id integer PRIMARY KEY)")
            await #expect(throws: Abort.self) {
                try await connection.transaction { transaction in
                    try await transaction.execute("INSERT INTO note VALUES (\(Int32(1)))")
                    throw Abort()
                }
            }
            let afterRollback = try await connection.query("SELECT count(*) FROM note WHERE id = 1")
            #expect(try afterRollback[0].decode(Int64.self, at: 0) == 0)

            let value = try await connection.transaction(isolationLevel: .serializable) { transaction in
                try await transaction.execute("INSERT INTO note VALUES (\(Int32(2)))")
                return "done"
            }
            #expect(value == "done")
            let afterCommit = try await connection.query("SELECT count(*) FROM note WHERE id = 2")
            #expect(try afterCommit[0].decode(Int64.self, at: 0) == 1)
        }
    }

    @Test
    func caughtStatementFailureInsideTransactionFailsAtCommit() async throws {
        try await TestDatabase.withConnection { connection, _ in
            try await connection.execute("CREATE TABLE note (id integer PRIMARY KEY)")
            let error = await #expect(throws: PostgresError.self) {
                try await connection.transaction { transaction in
                    try await transaction.execute("INSERT INTO note VALUES (\(Int32(1)))")
                    _ = try? await transaction.execute("INSERT INTO note VALUES (\(Int32(1)))")
                }
            }
            #expect(error?.sqlState == "25P02")
            let count = try await connection.query("SELECT count(*) FROM note")
            #expect(try count[0].decode(Int64.self, at: 0) == 0)
        }
    }
}
