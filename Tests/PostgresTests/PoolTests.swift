import Postgres
import Synchronization
import Testing

@Suite("Prepared statements and pool", .timeLimit(.minutes(5)))
struct PoolTests {
    @Test
    func preparedStatementRunsManyTimes() async throws {
        try await TestDatabase.withConnection { connection, _ in
            try await connection.execute("CREATE TABLE square (n bigint PRIMARY KEY, sq bigint, label text)")
            let insert = PostgresPreparedStatement(name: "insert_square", sql: "INSERT INTO square VALUES ($1, $2, $3)")
            for n in 0..<200 {
                let label: String? = n % 2 == 0 ? "even \(n)" : nil
                #expect(try await connection.execute(insert, [Int64(n), Int64(n * n), label]) == 1)
            }
            let lookup = PostgresPreparedStatement(
                name: "lookup_square",
                sql: "SELECT sq, label FROM square WHERE n = $1"
            )
            for n in [0, 1, 150, 199] {
                let row = try #require(try await connection.query(lookup, [Int64(n)]).first)
                #expect(try row.decode(Int64.self, column: "sq") == Int64(n * n))
                #expect(try row.decode(String?.self, column: "label") == (n % 2 == 0 ? "even \(n)" : nil))
            }
            let conflicting = PostgresPreparedStatement(name: "lookup_square", sql: "SELECT 1")
            await #expect(throws: PostgresError.self) { try await connection.query(conflicting) }
        }
    }

    @Test
    func poolOfTwoServesTwentyConcurrentTasksWithinItsLimit() async throws {
        try await TestDatabase.with { configuration in
            let pool = PostgresPool(configuration: configuration, maxConnections: 2)
            let appName = try #require(configuration.applicationName)
            let observedMaximum = Peak()
            let statement = PostgresPreparedStatement(
                name: "count_sessions",
                sql: "SELECT count(*) FROM pg_stat_activity WHERE application_name = $1"
            )
            try await withThrowingTaskGroup(of: Int64.self) { group in
                for task in 0..<20 {
                    group.addTask {
                        try await pool.withConnection { connection in
                            let sessions = try await connection.query(statement, [appName])[0].decode(Int64.self, at: 0)
                            observedMaximum.record(max(Int(sessions), pool.openConnectionCount))
                            let echoed = try await connection.query("SELECT \(Int64(task)), pg_sleep(0.02)")
                            return try echoed[0].decode(Int64.self, at: 0)
                        }
                    }
                }
                var results: [Int64] = []
                for try await value in group { results.append(value) }
                #expect(results.sorted() == (0..<20).map(Int64.init))
            }
            #expect(observedMaximum.value <= 2)
            #expect(observedMaximum.value >= 1)
            #expect(pool.openConnectionCount <= 2)
            await pool.close()
            let closed = await #expect(throws: PostgresError.self) { try await pool.withConnection { _ in } }
            #expect(closed?.code == .closed)
        }
    }

    @Test
    func poolRecoversAfterItsConnectionIsTerminated() async throws {
        try await TestDatabase.with { configuration in
            let pool = PostgresPool(configuration: configuration, maxConnections: 1)
            let firstPID = try await pool.withConnection { $0.backendPID }
            let admin = try await PostgresConnection.connect(configuration: configuration)
            // The timeout form waits until the backend has exited.
            let terminated = try await admin.query("SELECT pg_terminate_backend(\(firstPID), 5000)")
            #expect(try terminated[0].decode(Bool.self, at: 0))
            await admin.close()

            let secondPID = try await pool.withConnection { connection in
                let row = try await connection.query("SELECT pg_backend_pid()")
                return try row[0].decode(Int32.self, at: 0)
            }
            #expect(secondPID != firstPID)
            #expect(pool.openConnectionCount == 1)
            await pool.close()
        }
    }

    @Test
    func poolDiscardsConnectionThatBreaksDuringUse() async throws {
        try await TestDatabase.with { configuration in
            let pool = PostgresPool(configuration: configuration, maxConnections: 1)
            let admin = try await PostgresConnection.connect(configuration: configuration)
            let error = await #expect(throws: PostgresError.self) {
                try await pool.withConnection { connection in
                    try await admin.query("SELECT pg_terminate_backend(\(connection.backendPID), 5000)")
                    try await connection.query("SELECT 1")
                }
            }
            #expect(error?.isRetriable == true)
            await admin.close()
            let value = try await pool.withConnection {
                try await $0.query("SELECT 42::bigint")[0].decode(Int64.self, at: 0)
            }
            #expect(value == 42)
            await pool.close()
        }
    }
}

/// The highest value seen by concurrent tasks.
final class Peak: Sendable {
    private let state = Mutex(0)
    var value: Int { state.withLock { $0 } }
    func record(_ candidate: Int) { state.withLock { $0 = max($0, candidate) } }
}
