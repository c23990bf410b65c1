import Foundation
import Kafka
import Postgres
import Testing
import WatchpostTestSupport
import WatchpostCore

/// Workers scaled up and down by `scripts/cluster` while events arrive lose nothing, double
/// nothing, and leave every table as one worker alone leaves it.
///
/// Two yardsticks: the router's own count of the scenario (``PipelineScenario/expectation()``,
/// which knows events, incidents, alerts, obligations and routing rejections only), and a real
/// run of the same messages through a single `watchpost worker`, which gives every table's row
/// count and a digest of the rows that must not depend on how the work was shared.
/// Both runs use a PostgreSQL server of their own, as the outage test does: three workers and
/// the API hold some twenty connections at once, and the suite's shared server has run out of
/// connections with them on it.
/// Both runs use the shipped configuration without reminders: a reminder falls due 15 minutes
/// after its obligation opens, so on a slow machine it could add rows to one run and not the
/// other. The shortest deadline left is 30 minutes, far beyond either run.
@Suite("Cluster scale")
struct ClusterScaleTests {
    /// Events in the run; the issue asks for 30 000 (lower with WATCHPOST_TEST_SCALE_EVENTS on a slow machine).
    static var eventCount: Int {
        ProcessInfo.processInfo.environment["WATCHPOST_TEST_SCALE_EVENTS"].flatMap(Int.init) ?? 30_000
    }

    /// The events go out in this many slices; the stage each slice waits for is below.
    static let slices = 12
    /// Slices 0…3 go to one worker; 4…8 once three run; 9…11 once one runs again. Each stage
    /// thus has at least three slices of its own to consume, whatever the machine's speed.
    static func stage(before slice: Int) -> Int { slice < 4 ? 0 : slice < 9 ? 1 : 2 }

    @Test(
        "events published while scripts/cluster scales the workers from 1 to 3, then to 1 by SIGTERM: none lost or doubled, every table as after a single-worker run",
        .enabled(
            if: PipelineOutageTests.serverInstalled,
            "needs the PostgreSQL server binaries under /usr/lib/postgresql and scripts/lib/pg.sh"
        ),
        .timeLimit(.minutes(25))
    )
    func scalingLosesAndDuplicatesNothing() async throws {
        let (directory, policy) = try PipelineScenario.shippedConfiguration()
        let scenario = PipelineScenario(count: Self.eventCount, seed: 3_003, directory: directory, policy: policy)
        let expected = scenario.expectation()
        let messages = scenario.messages()

        let config = try Self.configWithoutReminders()
        defer { try? FileManager.default.removeItem(at: config) }
        let server = try await PipelinePrivateCluster.start(script: PipelineOutageTests.script)
        let single: StoreSnapshot
        let scaled: StoreSnapshot
        do {
            single = try await PipelineDatabase.with(serverURL: server.url) { database in
                try await Self.singleWorkerRun(messages, expected: expected, config: config, database: database)
            }
            scaled = try await PipelineDatabase.with(serverURL: server.url) { database in
                try await Self.scaledRun(messages, expected: expected, config: config, database: database)
            }
            await server.destroy()
        } catch {
            await server.destroy()
            throw error
        }

        // Nothing lost, nothing doubled: the router's own count of the scenario…
        #expect(scaled.counts["events"] == Int64(expected.events), "events: \(expected)")
        #expect(scaled.counts["incidents"] == Int64(expected.incidents))
        #expect(scaled.counts["alerts"] == Int64(expected.alerts))
        #expect(scaled.counts["obligations"] == Int64(expected.obligations))
        #expect(scaled.routingRejected == Int64(expected.routingRejected))
        #expect(scaled.distinctEvents == scaled.counts["events"], "events are unique by event_id")
        #expect(
            scaled.distinctObligations == scaled.counts["obligations"],
            "one obligation per incident, kind, opening event, owner"
        )
        #expect(scaled.alertDeliveries == scaled.counts["alerts"], "one delivery per alert")
        // …and every table, row for row, as the single worker left it.
        #expect(scaled.counts.keys.sorted() == single.counts.keys.sorted())
        for table in single.counts.keys.sorted() {
            #expect(scaled.counts[table] == single.counts[table], "rows in \(table)")
        }
        for table in single.fingerprints.keys.sorted() {
            #expect(scaled.fingerprints[table] == single.fingerprints[table], "content of \(table)")
        }
    }

    /// A copy of the shipped configuration with every `reminders:` list emptied.
    static func configWithoutReminders() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("watchpost-config-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: PipelinePaths.config.appendingPathComponent("directory.yaml"),
            to: folder.appendingPathComponent("directory.yaml")
        )
        let routing = try String(
            contentsOf: PipelinePaths.config.appendingPathComponent("routing.yaml"),
            encoding: .utf8
        )
        let patched = routing.replacing(/reminders: \[[^\]]*\]/, with: "reminders: []")
        guard patched != routing, !patched.contains(/reminders: \[[^\]]/) else {
            throw PipelineTimeout(what: "reminder lists in the shipped routing.yaml")
        }
        try patched.write(to: folder.appendingPathComponent("routing.yaml"), atomically: true, encoding: .utf8)
        return folder
    }

    /// The scenario through one `watchpost worker` on a broker of its own, published at once.
    private static func singleWorkerRun(
        _ messages: [KafkaProducerMessage],
        expected: PipelineExpectation,
        config: URL,
        database: PipelineDatabase
    ) async throws -> StoreSnapshot {
        let broker = try await PipelineBroker(partitions: 12)
        let logs = FileManager.default.temporaryDirectory.appendingPathComponent("watchpost-single-\(UUID())")
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: logs) }
        let worker = try PipelineWorkerProcess(
            name: "single",
            brokers: broker.bootstrap,
            databaseURL: database.url,
            configDirectory: config,
            logFolder: logs
        )
        let producer = try broker.producer()
        try await PipelineBroker.send(messages, with: producer)
        await producer.close()
        try await waitUntilSettled(database, expected: expected, what: "the single worker")
        let snapshot = try await StoreSnapshot.take(database)
        #expect(try await worker.terminate() == 0, "SIGTERM exits 0:\n\(worker.logTail())")
        return snapshot
    }

    /// The scenario through `scripts/cluster`: one worker, three from the end of the second
    /// slice, one again (SIGTERM to worker-3 and worker-2) from the end of the seventh.
    private static func scaledRun(
        _ messages: [KafkaProducerMessage],
        expected: PipelineExpectation,
        config: URL,
        database: PipelineDatabase
    ) async throws -> StoreSnapshot {
        let size = (messages.count + slices - 1) / slices
        let parts = stride(from: 0, to: messages.count, by: size).map {
            Array(messages[$0..<min($0 + size, messages.count)])
        }
        let stored: @Sendable () async throws -> Int64 = { try await database.count("SELECT count(*) FROM events") }
        // Session timeout as PipelineWorkerProcess: the embedded broker ends a rebalance only then.
        return try await ClusterScript.with(
            workers: 1,
            databaseURL: database.url,
            configDirectory: config,
            workerArguments: ["--session-timeout", "6"]
        ) { cluster in
            let stage = ScaleStage()
            let producer = try cluster.producer()
            try await withThrowingTaskGroup(of: Void.self) { group in
                // Slices go out in order (so each incident's events stay in order), at most two
                // slices ahead of the workers, and each waits for its stage of the scaling.
                group.addTask {
                    for (index, slice) in parts.enumerated() {
                        let needed = Self.stage(before: index)
                        try await waitUntil(
                            "scaling reaches stage \(needed) before slice \(index)",
                            timeout: .seconds(10 * 60)
                        ) {
                            await stage.current >= needed
                        }
                        try await waitUntil(
                            "the workers store \(index - 2) slices before slice \(index)",
                            timeout: .seconds(5 * 60)
                        ) {
                            try await stored() >= Int64((index - 2) * size)
                        }
                        try await PipelineBroker.send(slice, with: producer)
                    }
                    await producer.close()
                }
                try await waitUntil("one worker stores 2 slices", timeout: .seconds(5 * 60)) {
                    try await stored() >= Int64(min(2 * size, messages.count))
                }
                let up = try await cluster.scale(to: 3)
                #expect(
                    up.contains("worker-2") && up.contains("worker-3"),
                    "scale 3 started worker-2 and worker-3:\n\(up)"
                )
                await stage.advance(to: 1)
                try await waitUntil("three workers store 7 slices", timeout: .seconds(5 * 60)) {
                    try await stored() >= Int64(min(7 * size, messages.count))
                }
                let down = try await cluster.scale(to: 1)
                for name in ["worker-3", "worker-2"] {
                    #expect(down.contains("\(name) stopped (exit 0)"), "\(name) stopped by SIGTERM, exit 0:\n\(down)")
                }
                await stage.advance(to: 2)
                try await group.waitForAll()
            }
            try await waitUntilSettled(database, expected: expected, what: "the scaled workers")
            for name in ["worker-2", "worker-3"] {
                let log = cluster.log(name)
                #expect(log.contains("partitions assigned"), "\(name) consumed partitions")
                #expect(log.contains("worker left the consumer group"), "\(name) left the group on SIGTERM")
            }
            #expect(cluster.log("worker-1").contains("partitions revoked"), "worker-1 gave partitions up to the others")
            return try await StoreSnapshot.take(database)
        }
    }

    /// Waits until every event is stored and every dead letter has left the outbox.
    private static func waitUntilSettled(_ database: PipelineDatabase, expected: PipelineExpectation, what: String)
        async throws
    {
        try await waitUntil(
            "\(what) store all \(expected.events) events",
            timeout: .seconds(8 * 60),
            every: .milliseconds(500)
        ) {
            try await database.count("SELECT count(*) FROM events") >= Int64(expected.events)
        }
        try await waitUntil("\(what) empty the outbox", timeout: .seconds(2 * 60), every: .milliseconds(500)) {
            try await database.count("SELECT count(*) FROM outbox") == 0
        }
    }
}

/// Which stage of the scaling the cluster has reached: 0 one worker, 1 three, 2 one again.
private actor ScaleStage {
    private(set) var current = 0
    func advance(to stage: Int) { current = stage }
}
