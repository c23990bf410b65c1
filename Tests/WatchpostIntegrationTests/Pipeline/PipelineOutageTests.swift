import Foundation
import Kafka
import Testing
import WatchpostCore
import WatchpostPipeline
import WatchpostTestSupport

/// A PostgreSQL outage mid-run: the worker waits it out and loses nothing. The test stops and
/// starts a private cluster of its own, so other tests keep their server.
@Suite("Pipeline database outage", .serialized)
struct PipelineOutageTests {
    /// `scripts/lib/pg.sh`: from `WATCHPOST_TEST_PGCTL` (scripts/test), else the repository's.
    static var script: String {
        ProcessInfo.processInfo.environment["WATCHPOST_TEST_PGCTL"]
            ?? PipelinePaths.root.appendingPathComponent("scripts/lib/pg.sh").path
    }

    static var serverInstalled: Bool {
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        return versions.contains { FileManager.default.fileExists(atPath: "/usr/lib/postgresql/\($0)/bin/pg_ctl") }
            && FileManager.default.fileExists(atPath: script)
    }

    @Test(
        "PostgreSQL stopped mid-run until the worker has retried 3 times, then started: every event is stored, none twice",
        .enabled(
            if: serverInstalled,
            "needs the PostgreSQL server binaries under /usr/lib/postgresql and scripts/lib/pg.sh"
        ),
        .timeLimit(.minutes(6))
    )
    func databaseOutageLosesNothing() async throws {
        let cluster = try await PipelinePrivateCluster.start(script: Self.script)
        do {
            try await run(cluster)
            await cluster.destroy()
        } catch {
            await cluster.destroy()
            throw error
        }
    }

    private func run(_ cluster: PipelinePrivateCluster) async throws {
        try await PipelineDatabase.with(serverURL: cluster.url) { database in
            let broker = try await PipelineBroker(partitions: 4)
            let (directory, policy) = try PipelineScenario.shippedConfiguration()
            let scenario = PipelineScenario(count: 3_000, seed: 6_006, directory: directory, policy: policy)
            let expected = scenario.expectation()
            let messages = scenario.messages()
            let half = messages.count / 2
            // Whole incidents in each half, so each producer call keeps its incidents in order.
            let keysInFirst = Set(messages[..<half].compactMap(\.key))
            let first = messages.filter { keysInFirst.contains($0.key ?? []) }
            let second = messages.filter { !keysInFirst.contains($0.key ?? []) }
            var settings = PipelineInProcessWorker.settings(broker: broker, database: database)
            settings.maxBatchSize = 100
            try await PipelineInProcessWorker.with(1, settings: settings) { workers in
                let producer = try broker.producer()
                try await PipelineBroker.send(first, with: producer)
                try await waitUntil("some events are stored", timeout: .seconds(1 * 60)) {
                    try await database.count("SELECT count(*) FROM events") >= 300
                }
                try await cluster.stop()
                try await PipelineBroker.send(second, with: producer)
                await producer.close()
                // The outage lasts until the worker has failed and backed off several times, so it
                // must keep retrying rather than give up after one failure.
                try await waitUntil("the worker retries 3 times against the stopped database", timeout: .seconds(60)) {
                    PipelineInProcessWorker.counter("watchpost_db_retries_total", in: workers) >= 3
                }
                try await cluster.start()
                try await waitUntil("every event is stored", timeout: .seconds(3 * 60), every: .milliseconds(250)) {
                    try await database.count("SELECT count(*) FROM events") >= Int64(expected.events)
                }
                try await waitUntil("every message is consumed", timeout: .seconds(1 * 60)) {
                    PipelineInProcessWorker.counter("watchpost_events_consumed_total", in: workers)
                        >= Double(messages.count)
                }
            }
            #expect(try await database.count("SELECT count(*) FROM events") == Int64(expected.events))
            #expect(try await database.count("SELECT count(*) FROM incidents") == Int64(expected.incidents))
            #expect(try await database.count("SELECT count(*) FROM alerts") == Int64(expected.alerts))
            #expect(try await database.count("SELECT count(*) FROM obligations") == Int64(expected.obligations))
        }
    }
}

/// A PostgreSQL cluster created for one test in a temporary folder, on its own port.
struct PipelinePrivateCluster: Sendable {
    let script: String
    let folder: URL
    let port: Int
    var data: String { folder.appendingPathComponent("pg").path }
    var url: String { "postgresql://postgres@127.0.0.1:\(port)/postgres" }

    static func start(script: String) async throws -> PipelinePrivateCluster {
        let folder = URL(fileURLWithPath: "/tmp").appendingPathComponent(
            "watchpost-outage-\(UUID().uuidString.prefix(8))"
        )
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
        let port = try await Self.shell("source '\(script)'; watchpost_free_port")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        guard let port = Int(port) else { throw PipelineTimeout(what: "a free port (got \(port))") }
        let cluster = PipelinePrivateCluster(script: script, folder: folder, port: port)
        _ = try await shell("bash '\(script)' init '\(cluster.data)'")
        try await cluster.start()
        return cluster
    }

    func start() async throws {
        _ = try await Self.shell("bash '\(script)' start '\(data)' \(port)")
    }

    /// Stops the server: `fast` (the default) or `immediate`, which skips the checkpoint as a
    /// crash would.
    func stop(mode: String = "fast") async throws {
        _ = try await Self.shell("bash '\(script)' stop '\(data)' \(mode)")
    }

    func destroy() async {
        _ = try? await stop()
        try? FileManager.default.removeItem(at: folder)
    }

    struct CommandFailed: Error, CustomStringConvertible {
        var command: String
        var status: Int32
        var output: String
        var description: String { "`\(command)` exited \(status): \(output)" }
    }

    /// Runs a bash command and returns its output; throws on a non-zero exit. The output goes
    /// through a file, and ``ChildProcess`` passes no other descriptor: the server that
    /// `pg_ctl start` leaves running cannot hold the test process's files open.
    static func shell(_ command: String) async throws -> String {
        let outputFile = FileManager.default.temporaryDirectory.appendingPathComponent("watchpost-shell-\(UUID()).log")
        defer { try? FileManager.default.removeItem(at: outputFile) }
        let status = try await ChildProcess.run(
            "/bin/bash",
            ["-c", command],
            stdout: .file(outputFile.path),
            stderr: .standardOutput
        )
        let text = (try? String(contentsOf: outputFile, encoding: .utf8)) ?? ""
        guard status == 0 else { throw CommandFailed(command: command, status: status, output: text) }
        return text
    }
}
