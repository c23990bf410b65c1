import Postgres
import Testing

@Suite("Errors", .timeLimit(.minutes(5)))
struct ErrorTests {
    @Test
    func unreachableServerFailsToConnectWithoutLeakingPassword() async throws {
        var configuration = try PostgresConfiguration(url: "postgresql://app:s3cr3t-pw@127.0.0.1:1/app")
        configuration.connectTimeout = .seconds(2)
        let error = await #expect(throws: PostgresError.self) {
            try await PostgresConnection.connect(configuration: configuration)
        }
        #expect(error?.code == .connectionFailed)
        #expect(error?.isRetriable == true)
        #expect(error?.message.contains("127.0.0.1") == true)
        #expect(error.map { !"\($0)".contains("s3cr3t-pw") } == true)
        #expect(!configuration.description.contains("s3cr3t-pw"))
    }

    @Test
    func malformedConninfoIsAConfigurationErrorWithoutSecrets() throws {
        let error = #expect(throws: PostgresError.self) {
            try PostgresConfiguration(conninfo: "host=db password=hunter2x bogus_option")
        }
        #expect(error?.code == .configuration)
        #expect(error.map { !"\($0)".contains("hunter2x") } == true)
        let url = #expect(throws: PostgresError.self) { try PostgresConfiguration(url: "mysql://db") }
        #expect(url?.code == .configuration)
    }

    @Test
    func conninfoParametersPassThrough() throws {
        let configuration = try PostgresConfiguration(
            url:
                "postgresql://u:p@db.example:6543/app?sslmode=verify-full&application_name=api&target_session_attrs=read-write"
        )
        #expect(configuration.host == "db.example")
        #expect(configuration.port == 6543)
        #expect(configuration.database == "app")
        #expect(configuration.sslMode == .verifyFull)
        #expect(configuration.applicationName == "api")
        #expect(configuration.parameters["target_session_attrs"] == "read-write")
        #expect(configuration.connectTimeout == PostgresConfiguration.defaultConnectTimeout)
    }

    @Test
    func sqlErrorsCarryTheirSQLState() async throws {
        try await TestDatabase.withConnection { connection, _ in
            let missing = await #expect(throws: PostgresError.self) {
                try await connection.query("SELECT * FROM no_such_table")
            }
            #expect(missing?.code == .server)
            #expect(missing?.sqlState == "42P01")
            #expect(missing?.isRetriable == false)
            #expect(missing?.message.contains("no_such_table") == true)

            try await connection.execute("CREATE TABLE person (id integer PRIMARY KEY)")
            try await connection.execute("INSERT INTO person VALUES (\(Int32(1)))")
            let duplicate = await #expect(throws: PostgresError.self) {
                try await connection.execute("INSERT INTO person VALUES (\(Int32(1)))")
            }
            #expect(duplicate?.sqlState == "23505")
            #expect(duplicate?.isRetriable == false)
            #expect(duplicate?.detail?.contains("(id)=(1)") == true)
            // The connection stays usable after a statement error.
            #expect(try await connection.query("SELECT count(*) FROM person")[0].decode(Int64.self, at: 0) == 1)
        }
    }

    @Test
    func retriableSQLStatesAreRecognised() {
        for state in ["40001", "40P01", "57P01", "57P02", "57P03", "08006", "53300"] {
            #expect(PostgresError(code: .server, message: "x", sqlState: state).isRetriable, "\(state)")
        }
        for state in ["23505", "42P01", "22P02"] {
            #expect(!PostgresError(code: .server, message: "x", sqlState: state).isRetriable, "\(state)")
        }
    }

    @Test
    func closedConnectionRefusesWork() async throws {
        try await TestDatabase.withConnection { connection, _ in
            await connection.close()
            let error = await #expect(throws: PostgresError.self) { try await connection.query("SELECT 1") }
            #expect(error?.code == .closed)
        }
    }
}
