import Foundation
import Kafka
import Postgres
import Testing

/// Thrown when the integration tests have no database to talk to, so they fail instead of passing.
struct PipelineMissingDatabase: Error, CustomStringConvertible {
    var description: String {
        "WATCHPOST_TEST_DATABASE_URL is not set. Point it at a PostgreSQL 15 server, e.g. "
            + "postgresql://postgres@127.0.0.1:55432/postgres, or run scripts/test."
    }
}

/// Thrown when a condition the test waits for does not come true in time.
struct PipelineTimeout: Error, CustomStringConvertible {
    var what: String
    var description: String { "timed out waiting until \(what)" }
}

/// Where the repository, the shipped configuration and the built `watchpost` binary are.
enum PipelinePaths {
    /// The repository root: `$WATCHPOST_ROOT` (set by `scripts/test`), else three folders above
    /// this file's folder.
    static let root: URL =
        ProcessInfo.processInfo.environment["WATCHPOST_ROOT"].map { URL(fileURLWithPath: $0) }
        ?? URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The shipped `Config/` folder, as it is.
    static var shippedConfig: URL { root.appendingPathComponent("Config", isDirectory: true) }

    /// The configuration the integration tests run on: a copy of the shipped `Config/` in which
    /// every deadline runs on the calendar clock (the `clock: working` lines removed) and every
    /// alert goes at once (the `grouping` section removed: a test that sends two incidents to
    /// one school would otherwise wait ten minutes for the second alert; grouping is tested
    /// with `groupedConfig`).
    ///
    /// These tests drive real workers, which route at the wall clock's now; deadlines counted in
    /// working time would fall due at different instants on a Tuesday morning and a Saturday
    /// night, and the suite must pass whenever it runs. Working time is tested where the instant
    /// is fixed (`DeadlineClockTests`, the router) and through a worker whose calendar makes now
    /// a holiday (`WorkingTimeWorkerTests`), which use `shippedConfig`.
    static let config: URL = calendarCopy(named: "calendar", grouping: false)

    /// The same copy with the shipped `grouping` section kept: for the tests of grouped alerts.
    static let groupedConfig: URL = calendarCopy(named: "grouped", grouping: true)

    private static func calendarCopy(named name: String, grouping: Bool) -> URL {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("watchpost-config-\(name)-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try? FileManager.default.removeItem(at: folder)
            try FileManager.default.copyItem(at: shippedConfig, to: folder)
            let routing = folder.appendingPathComponent("routing.yaml")
            var lines = try String(contentsOf: routing, encoding: .utf8).components(separatedBy: "\n")
            lines.removeAll { $0.trimmingCharacters(in: .whitespaces) == "clock: working" }
            if !grouping, let start = lines.firstIndex(of: "grouping:") {
                let end = lines[(start + 1)...].firstIndex { !$0.hasPrefix(" ") && !$0.isEmpty } ?? lines.endIndex
                lines.removeSubrange(start..<end)
            }
            try lines.joined(separator: "\n").write(to: routing, atomically: true, encoding: .utf8)
            return folder
        } catch {
            preconditionFailure("cannot prepare the tests' configuration in \(folder.path): \(error)")
        }
    }

    /// The `watchpost` binary: `$WATCHPOST_BIN`, else next to the test bundle.
    static func binary() throws -> URL {
        if let path = ProcessInfo.processInfo.environment["WATCHPOST_BIN"], !path.isEmpty {
            let url = URL(fileURLWithPath: path)
            guard FileManager.default.isExecutableFile(atPath: url.path) else {
                throw BinaryMissing(path: url.path)
            }
            return url
        }
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = runner.deletingLastPathComponent()
        // On Linux the runner is <bin>/watchpostPackageTests.xctest; elsewhere inside a bundle.
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("watchpost")
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isFolder), !isFolder.boolValue,
                FileManager.default.isExecutableFile(atPath: candidate.path)
            {
                return candidate
            }
            if folder.lastPathComponent == "debug" || folder.lastPathComponent == "release" { break }
            folder = folder.deletingLastPathComponent()
        }
        throw BinaryMissing(path: runner.deletingLastPathComponent().appendingPathComponent("watchpost").path)
    }

    struct BinaryMissing: Error, CustomStringConvertible {
        var path: String
        var description: String {
            "the watchpost binary is missing at \(path): build it (swift build) or set WATCHPOST_BIN"
        }
    }
}

/// A fresh database for one test, dropped at the end.
struct PipelineDatabase: Sendable {
    let name: String
    let configuration: PostgresConfiguration
    /// A URL for worker processes.
    let url: String
    private let server: PostgresConfiguration

    /// Creates a uniquely named database on the server of `WATCHPOST_TEST_DATABASE_URL`
    /// (or on `serverURL`).
    static func create(serverURL: String? = nil) async throws -> PipelineDatabase {
        guard let base = serverURL ?? ProcessInfo.processInfo.environment["WATCHPOST_TEST_DATABASE_URL"], !base.isEmpty
        else { throw PipelineMissingDatabase() }
        let server = try PostgresConfiguration(url: base)
        let name = "pipeline_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(20)
        let admin = try await PostgresConnection.connect(configuration: server)
        try await admin.executeScript("CREATE DATABASE \(name)")
        await admin.close()
        var configuration = server
        configuration.database = String(name)
        var components = URLComponents(string: base)
        components?.path = "/\(name)"
        return PipelineDatabase(
            name: String(name),
            configuration: configuration,
            url: components?.string ?? base,
            server: server
        )
    }

    /// Creates a database, runs `body` with it, and drops it whatever happens.
    static func with<Value>(
        serverURL: String? = nil,
        isolation: isolated (any Actor)? = #isolation,
        _ body: (PipelineDatabase) async throws -> Value
    ) async throws -> Value {
        let database = try await create(serverURL: serverURL)
        do {
            let value = try await body(database)
            await database.drop()
            return value
        } catch {
            await database.drop()
            throw error
        }
    }

    /// Drops the database (terminating its sessions).
    func drop() async {
        guard let admin = try? await PostgresConnection.connect(configuration: server) else { return }
        try? await admin.executeScript("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        await admin.close()
    }

    /// Runs one query on a new connection and returns its first column of the first row.
    func scalar<Value: PostgresDecodable>(_ query: PostgresQuery, as type: Value.Type = Int64.self) async throws
        -> Value
    {
        guard let row = try await rows(query).first else { throw PipelineTimeout(what: "a row from \(query.sql)") }
        return try row.decode(Value.self, at: 0)
    }

    /// Runs one query on a new connection and returns its rows.
    func rows(_ query: PostgresQuery) async throws -> PostgresRows {
        let connection = try await PostgresConnection.connect(configuration: configuration)
        do {
            let rows = try await connection.query(query)
            await connection.close()
            return rows
        } catch {
            await connection.close()
            throw error
        }
    }

    /// `count(*)` of a table, or zero when it does not exist yet.
    func count(_ sql: String) async throws -> Int64 {
        do {
            return try await scalar(PostgresQuery(unsafeSQL: sql))
        } catch let error as PostgresError where error.sqlState == "42P01" {
            return 0
        }
    }
}
