import Foundation
import Postgres
import Testing

/// `--database-url` (and `WATCHPOST_DATABASE_URL`) takes a libpq conninfo string as the README
/// documents, not only a `postgresql://` URL; run from the built binary.
@Suite("Database conninfo option")
struct DatabaseConninfoCommandTests {
    @Test("--database-url accepts host=… port=… dbname=… user=… like a URL", .timeLimit(.minutes(5)))
    func conninfoStringIsAccepted() async throws {
        try await PipelineDatabase.with { database in
            let conninfo = database.configuration.conninfo
            #expect(conninfo.hasPrefix("dbname=") && !conninfo.contains("://"), "\(conninfo)")
            let migrated = try await PipelineCommandTests.watchpost(["migrate", "--database-url", conninfo])
            #expect(migrated.status == 0, "\(migrated.output)")
            #expect(try await database.count("SELECT count(*) FROM schema_migrations") > 0)

            let again = try await PipelineCommandTests.watchpost(["migrate", "--database-url", database.url])
            #expect(again.status == 0, "\(again.output)")
        }
    }

    @Test("a malformed --database-url is a usage error naming the option", .timeLimit(.minutes(5)))
    func malformedDatabaseSettingIsAUsageError() async throws {
        let result = try await PipelineCommandTests.watchpost(["migrate", "--database-url", "host=127.0.0.1 port"])
        #expect(result.status == 64, "\(result.output)")
        #expect(result.output.contains("--database-url"), "\(result.output)")
    }
}

extension PostgresConfiguration {
    /// The parameters as an unquoted libpq conninfo string (`dbname=x host=y …`), for
    /// configurations whose values have no spaces or quotes.
    var conninfo: String {
        parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    }
}
