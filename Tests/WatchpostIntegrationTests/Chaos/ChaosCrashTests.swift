import Foundation
import Kafka
import Testing
import WatchpostTestSupport

/// The crash part of the chaos suite: three producers, three worker processes, and a random
/// worker killed with SIGKILL again and again, then restarted. What PostgreSQL holds afterwards
/// must equal what one worker that was never killed leaves from the same input, and every
/// delivery must have reached its receiver, its effect happening once.
@Suite(.serialized)
struct ChaosCrashTests {
    @Test(
        "three workers, a random one killed with SIGKILL again and again: the database equals a one-worker run, every delivery is accepted once",
        .timeLimit(.minutes(40))
    )
    func killedWorkersLeaveExactlyWhatOneWorkerLeaves() async throws {
        let settings = ChaosSettings.current
        let (directory, policy) = try PipelineScenario.shippedConfiguration()
        let scenario = PipelineScenario(count: settings.events, seed: 14_014, directory: directory, policy: policy)
        let expected = scenario.expectation()
        let logs = FileManager.default.temporaryDirectory.appendingPathComponent("watchpost-chaos-\(UUID())")
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)

        // The yardstick: one worker, never killed, its receiver never failing.
        let calm = try TestHTTPServer { _, _ in .status(200) }
        defer { calm.stop() }
        let baseline = try await PipelineDatabase.with { database in
            let broker = try await PipelineBroker(partitions: 12)
            let worker = try PipelineWorkerProcess(
                name: "baseline",
                brokers: broker.bootstrap,
                databaseURL: database.url,
                logFolder: logs,
                extraArguments: ["--batch-size", "200"],
                environment: ["WATCHPOST_DEV_DELIVERY": "webhook:\(calm.url)"]
            )
            let producer = try broker.producer()
            try await PipelineBroker.send(scenario.messages(), with: producer)
            await producer.close()
            try await Self.waitSettled(database, expected)
            let snapshot = try await StoreSnapshot.take(database)
            let deliveries = try await Self.deliveryIdentities(database)
            #expect(try await worker.terminate() == 0, "\(worker.logTail())")
            return (snapshot, deliveries)
        }

        let receiver = try ChaosReceiver()
        defer { receiver.stop() }
        try await PipelineDatabase.with { database in
            let broker = try await PipelineBroker(partitions: 12)
            let workers = try ChaosWorkers.start(
                settings.workers,
                broker: broker,
                database: database,
                logs: logs,
                batchSize: 200,
                receiver: receiver.url
            )
            var kills = 0
            try await withThrowingTaskGroup(of: Void.self) { group in
                for part in scenario.messages(splitInto: settings.producers) {
                    group.addTask {
                        let producer = try broker.producer()
                        try await PipelineBroker.send(part, with: producer)
                        await producer.close()
                    }
                }
                var random = PipelineRandom(state: 1_414)
                let step = Int64(max(50, settings.events / (settings.kills * 2)))
                for kill in 1...settings.kills {
                    // Kill once the workers have made progress since the last kill, while they
                    // still have work queued (or, late in the run, while deliveries are in flight).
                    let floor = try await database.count("SELECT count(*) FROM events")
                    try await waitUntil(
                        "the workers store \(step) more events before kill \(kill)",
                        timeout: .seconds(600)
                    ) {
                        try await database.count("SELECT count(*) FROM events")
                            >= min(floor + step, Int64(expected.events))
                    }
                    try await ChaosWorkers.killOne(of: workers, using: &random)
                    kills += 1
                }
                try await group.waitForAll()
            }
            try await Self.waitSettled(database, expected)
            let snapshot = try await StoreSnapshot.take(database)
            // Every table as the calm run left it. Attempts differ by design (kills, refusals), and
            // so may a delivery's end: sent, or cancelled first by an acknowledgement that came
            // sooner; which deliveries exist, and for whom, may not.
            for table in baseline.0.counts.keys.sorted() where table != "delivery_attempts" {
                #expect(snapshot.counts[table] == baseline.0.counts[table], "rows in \(table)")
            }
            for table in baseline.0.fingerprints.keys.sorted() where table != "deliveries" {
                #expect(snapshot.fingerprints[table] == baseline.0.fingerprints[table], "content of \(table)")
            }
            #expect(try await Self.deliveryIdentities(database) == baseline.1, "which deliveries exist, for whom")
            #expect(snapshot.counts["events"] == Int64(expected.events))

            let delivered = try await Self.deliveryIDs(database, status: "delivered")
            #expect(try await database.count("SELECT count(*) FROM deliveries WHERE status = 'dead'") == 0)
            try await Self.expectReceived(delivered, by: receiver, database)
            for worker in workers {
                #expect(try await worker.terminate() == 0, "\(worker.logTail())")
            }
            ChaosSettings.record(
                "crash: \(settings.events) events from \(settings.producers) producers, \(settings.workers) workers, "
                    + "\(kills) SIGKILLs; stored \(expected.events) events once each; lost 0, duplicated 0; "
                    + "\(delivered.count) deliveries accepted once each, \(receiver.repeats) redeliveries ignored by "
                    + "their idempotency key, \(receiver.refused) refused on purpose and retried; "
                    + "every table equal to the one-worker run (\(snapshot.counts.count) tables compared)"
            )
        }
        try? FileManager.default.removeItem(at: logs)
    }

    /// Which deliveries exist, for whom: a digest of their ids, alerts and recipients.
    static func deliveryIdentities(_ database: PipelineDatabase) async throws -> String {
        try await database.scalar(
            "SELECT coalesce(md5(string_agg(concat_ws('|', id, alert_id, recipient), ',' ORDER BY id)), '') FROM deliveries",
            as: String.self
        )
    }

    /// The ids of the deliveries in `status`.
    static func deliveryIDs(_ database: PipelineDatabase, status: String) async throws -> Set<String> {
        Set(
            try await database.rows("SELECT id::text FROM deliveries WHERE status = \(status)").map {
                try $0.decode(String.self, at: 0)
            }
        )
    }

    /// Every delivered delivery was accepted by the receiver (once: it honours the key), and the
    /// receiver accepted nothing else but deliveries an acknowledgement cancelled after they were
    /// sent and before the send was recorded.
    static func expectReceived(
        _ delivered: Set<String>,
        by receiver: ChaosReceiver,
        _ database: PipelineDatabase
    ) async throws {
        let accepted = receiver.accepted
        let missing = delivered.subtracting(accepted)
        #expect(missing.isEmpty, "delivered but never received: \(missing.count), e.g. \(missing.sorted().prefix(3))")
        let extra = accepted.subtracting(delivered)
        let cancelled = try await deliveryIDs(database, status: "cancelled")
        let unexplained = extra.subtracting(cancelled)
        #expect(
            unexplained.isEmpty,
            "received but neither delivered nor cancelled: \(unexplained.count), e.g. \(unexplained.sorted().prefix(3))"
        )
    }

    /// How long a wait on the whole run may take before it counts as a hang: longer for the long
    /// mode's 50 000 events than for the short mode's few thousand.
    static func hangLimit(_ expected: PipelineExpectation) -> Duration {
        .seconds(max(600, expected.events / 20))
    }

    /// Waits until the run has stored every event and sent every delivery.
    static func waitSettled(_ database: PipelineDatabase, _ expected: PipelineExpectation) async throws {
        try await waitStored(database, expected)
        try await waitUntil("every delivery is sent", timeout: hangLimit(expected), every: .milliseconds(500)) {
            try await database.count("SELECT count(*) FROM deliveries WHERE status = 'pending'") == 0
        }
    }

    /// Waits until the run has stored every event and the obligations of the last batches.
    static func waitStored(_ database: PipelineDatabase, _ expected: PipelineExpectation) async throws {
        try await waitUntil("every event is stored", timeout: hangLimit(expected), every: .milliseconds(500)) {
            try await database.count("SELECT count(*) FROM events") >= Int64(expected.events)
        }
        try await waitUntil("the obligations of the last batches", timeout: hangLimit(expected)) {
            try await database.count("SELECT count(*) FROM obligations") >= Int64(expected.obligations)
        }
    }
}
