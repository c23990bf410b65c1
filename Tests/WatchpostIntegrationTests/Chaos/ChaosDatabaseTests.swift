import Foundation
import Logging
import ServiceLifecycle
import Testing
import WatchpostTestSupport
import WatchpostAPI
import WatchpostStore

/// The database part of the chaos suite: PostgreSQL stopped several times while two worker
/// processes and the API run, alternately with `-m fast` and `-m immediate` (a crash: no
/// checkpoint, connections cut). Each outage lasts until every worker has failed on it and is
/// retrying. Nothing may be lost or doubled, and the workers (routing, enforcer, dispatcher) and
/// the API must come back by themselves.
@Suite(.serialized)
struct ChaosDatabaseTests {
    @Test(
        "PostgreSQL stopped fast and immediate mid-run: every event stored once, deliveries sent once, workers and API recover",
        .timeLimit(.minutes(30))
    )
    func databaseStopsLoseNothingAndEveryServiceRecovers() async throws {
        try #require(
            PipelineOutageTests.serverInstalled,
            "needs PostgreSQL's server binaries (scripts/test installs them)"
        )
        let cluster = try await PipelinePrivateCluster.start(script: PipelineOutageTests.script)
        do {
            try await run(cluster)
            await cluster.destroy()
        } catch {
            await cluster.destroy()
            throw error
        }
    }

    private func run(_ cluster: PipelinePrivateCluster) async throws {
        let settings = ChaosSettings.current
        let receiver = try ChaosReceiver()
        defer { receiver.stop() }
        let logs = FileManager.default.temporaryDirectory.appendingPathComponent("watchpost-chaos-db-\(UUID())")
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        try await PipelineDatabase.with(serverURL: cluster.url) { database in
            let broker = try await PipelineBroker(partitions: 8)
            let (directory, policy) = try PipelineScenario.shippedConfiguration()
            let scenario = PipelineScenario(
                count: settings.databaseEvents,
                seed: 14_015,
                directory: directory,
                policy: policy
            )
            let expected = scenario.expectation()
            let workers = try ChaosWorkers.start(
                2,
                broker: broker,
                database: database,
                logs: logs,
                batchSize: 100,
                receiver: receiver.url
            )
            try await ChaosAPI.with(broker: broker, database: database) { api in
                let parts = scenario.messages(splitInto: settings.databaseRestarts + 1)
                let producer = try broker.producer()
                for (index, part) in parts.enumerated() {
                    // Counted before sending: the workers may store the whole part before the
                    // send returns.
                    let floor = try await database.count("SELECT count(*) FROM events")
                    try await PipelineBroker.send(part, with: producer)
                    guard index < settings.databaseRestarts else { break }
                    try await waitUntil("the workers store events before stop \(index + 1)", timeout: .seconds(600)) {
                        try await database.count("SELECT count(*) FROM events") > floor
                    }
                    let mode = index % 2 == 0 ? "fast" : "immediate"
                    let failures = workers.map { $0.logCount("failed; retrying") }
                    let stopped = ContinuousClock.now
                    try await cluster.stop(mode: mode)
                    // The outage lasts until every worker has met it and is retrying.
                    try await waitUntil("every worker retries against the stopped database", timeout: .seconds(300)) {
                        zip(workers, failures).allSatisfy { $0.logCount("failed; retrying") > $1 }
                    }
                    #expect(try await api.readiness() == 503, "the API is not ready while PostgreSQL is down")
                    try await settings.holdOutage(since: stopped)
                    try await cluster.start()
                    ChaosSettings.record(
                        "database: stopped PostgreSQL with -m \(mode) for \(ChaosSettings.seconds(since: stopped)) s, restarted it"
                    )
                }
                await producer.close()
                try await ChaosCrashTests.waitStored(database, expected)
                try await waitUntil("the API is ready again", timeout: .seconds(300)) {
                    try await api.readiness() == 200
                }
            }
            try await ChaosCrashTests.waitSettled(database, expected)
            #expect(try await database.count("SELECT count(*) FROM events") == Int64(expected.events))
            #expect(try await database.count("SELECT count(*) FROM incidents") == Int64(expected.incidents))
            #expect(try await database.count("SELECT count(*) FROM alerts") == Int64(expected.alerts))
            #expect(try await database.count("SELECT count(*) FROM obligations") == Int64(expected.obligations))
            let delivered = try await ChaosCrashTests.deliveryIDs(database, status: "delivered")
            try await ChaosCrashTests.expectReceived(delivered, by: receiver, database)
            for worker in workers {
                #expect(worker.exitStatus == nil, "the worker kept running through the outages:\n\(worker.logTail())")
                #expect(try await worker.terminate() == 0, "\(worker.logTail())")
            }
            ChaosSettings.record(
                "database: \(settings.databaseRestarts) stops survived by 2 workers and the API; "
                    + "\(expected.events) events stored once each; \(delivered.count) deliveries accepted once each"
            )
        }
        try? FileManager.default.removeItem(at: logs)
    }
}

/// The API in-process on the test's database, for as long as `body` runs.
struct ChaosAPI: Sendable {
    let baseURL: String

    /// The status of `GET /readyz`.
    func readiness() async throws -> Int {
        try await WebClient(baseURL: baseURL).get("/readyz").status
    }

    static func with<Value: Sendable>(
        broker: PipelineBroker,
        database: PipelineDatabase,
        _ body: @Sendable (ChaosAPI) async throws -> Value
    ) async throws -> Value {
        try await LoopbackAPI.with(brokers: broker.brokers, database: database) { _, baseURL in
            try await body(ChaosAPI(baseURL: baseURL))
        }
    }
}
