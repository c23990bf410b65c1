import Postgres
import Testing

/// `--database-url` and `WATCHPOST_DATABASE_URL` take a libpq conninfo string as well as a URL,
/// through `PostgresConfiguration(conninfo:)`.
@Suite("Conninfo", .timeLimit(.minutes(5)))
struct ConninfoTests {
    @Test
    func conninfoStringAndURLGiveTheSameParameters() throws {
        let conninfo = try PostgresConfiguration(
            conninfo: "host=127.0.0.1 port=5432 dbname=watchpost user=watchpost sslmode=require"
        )
        let url = try PostgresConfiguration(
            conninfo: "postgresql://watchpost@127.0.0.1:5432/watchpost?sslmode=require"
        )
        #expect(conninfo.parameters == url.parameters)
        #expect(conninfo.host == "127.0.0.1" && conninfo.port == 5432)
        #expect(conninfo.database == "watchpost" && conninfo.user == "watchpost")
        #expect(conninfo.sslMode == .require)
    }

    @Test
    func quotedConninfoValuesKeepTheirSpaces() throws {
        let configuration = try PostgresConfiguration(
            conninfo: #"host=db.example application_name='watchpost worker' password='it\'s secret'"#
        )
        #expect(configuration.applicationName == "watchpost worker")
        #expect(configuration.parameters["password"] == "it's secret")
        #expect(!configuration.description.contains("secret"))
    }

    @Test
    func textThatIsNeitherIsAConfigurationError() {
        for text in ["mysql://db", "host=db dbname", "just-a-name"] {
            let error = #expect(throws: PostgresError.self) { try PostgresConfiguration(conninfo: text) }
            #expect(error?.code == .configuration, "\(text)")
        }
    }

    @Test
    func conninfoStringConnects() async throws {
        try await TestDatabase.with { configuration in
            let conninfo = configuration.parameters.sorted { $0.key < $1.key }
                .map { key, value in "\(key)='\(value.replacingOccurrences(of: "'", with: "\\'"))'" }
                .joined(separator: " ")
            let connection = try await PostgresConnection.connect(
                configuration: try PostgresConfiguration(conninfo: conninfo)
            )
            let rows = try await connection.query("SELECT current_database()")
            #expect(try rows.first?.decode(String.self, at: 0) == configuration.database)
            await connection.close()
        }
    }
}
