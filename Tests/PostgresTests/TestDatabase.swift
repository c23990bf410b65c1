import Foundation
import Postgres
import Testing

/// Thrown when the integration tests have no server to talk to, so they fail instead of passing.
struct MissingTestDatabase: Error, CustomStringConvertible {
    var description: String {
        "WATCHPOST_TEST_DATABASE_URL is not set. Point it at a PostgreSQL 15 server, e.g. "
            + "postgresql://postgres@127.0.0.1:55432/postgres, or run scripts/test."
    }
}

/// A database created for one test and dropped after it, so tests can run in parallel.
enum TestDatabase {
    /// The server configuration from the environment, or a `MissingTestDatabase` error.
    static func serverConfiguration() throws -> PostgresConfiguration {
        guard let url = ProcessInfo.processInfo.environment["WATCHPOST_TEST_DATABASE_URL"], !url.isEmpty else {
            throw MissingTestDatabase()
        }
        return try PostgresConfiguration(url: url)
    }

    /// Creates a uniquely named database, runs `body` with a configuration for it (its
    /// `application_name` is the database name, to find its sessions), then drops it.
    static func with<Value>(
        isolation: isolated (any Actor)? = #isolation,
        _ body: (PostgresConfiguration) async throws -> Value
    ) async throws -> Value {
        let server = try serverConfiguration()
        let name = "pgtest_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let admin = try await PostgresConnection.connect(configuration: server)
        try await admin.executeScript("CREATE DATABASE \(name)")
        var configuration = server
        configuration.database = name
        configuration.applicationName = name
        do {
            let value = try await body(configuration)
            try await admin.executeScript("DROP DATABASE \(name) WITH (FORCE)")
            await admin.close()
            return value
        } catch {
            try? await admin.executeScript("DROP DATABASE \(name) WITH (FORCE)")
            await admin.close()
            throw error
        }
    }

    /// Like `with`, handing `body` an open connection to the fresh database.
    static func withConnection<Value>(
        isolation: isolated (any Actor)? = #isolation,
        _ body: (PostgresConnection, PostgresConfiguration) async throws -> Value
    ) async throws -> Value {
        try await with { configuration in
            let connection = try await PostgresConnection.connect(configuration: configuration)
            do {
                let value = try await body(connection, configuration)
                await connection.close()
                return value
            } catch {
                await connection.close()
                throw error
            }
        }
    }
}
