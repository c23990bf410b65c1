import Foundation
import Kafka
import Logging
import Postgres
import Testing
import WatchpostTestSupport
import WatchpostCore
import WatchpostStore

/// An escalation the broker refuses for good (here: the lifecycle topic is not authorised) stops
/// the worker with a non-zero exit status instead of retrying for ever, and the escalation stays
/// queued in the outbox for when the broker takes it again.
@Suite("Pipeline escalation refusal", .timeLimit(.minutes(5)))
struct PipelineEscalationRefusalTests {
    @Test("a worker whose escalation the broker refuses for good exits 1 and keeps the escalation queued")
    func refusedEscalationStopsTheWorker() async throws {
        try await PipelineDatabase.with { database in
            let broker = try await PipelineBroker(partitions: 1)
            let (directory, policy) = try PipelineScenario.shippedConfiguration()
            let logs = try GoodReports.logFolder("escalation-refused")
            defer { try? FileManager.default.removeItem(at: logs) }
            let worker = try PipelineWorkerProcess(
                name: "refused-escalation",
                brokers: broker.bootstrap,
                databaseURL: database.url,
                logFolder: logs
            )
            try await waitUntil("the worker has joined the group", timeout: .seconds(2 * 60)) {
                worker.holdsPartitions
            }
            // Every Produce is refused from now on: the only one is the escalation.
            broker.broker.injectRequestErrors(
                api: .produce,
                errorCodes: Array(repeating: GoodReports.topicAuthorizationFailed, count: 50)
            )
            // A report routed two hours and a second ago: its acknowledgement is overdue at once.
            let pool = PostgresPool(configuration: database.configuration, maxConnections: 2)
            let store = EventStore(pool: pool, directory: directory, policy: policy, logger: Logger(label: "test"))
            let report = GoodReports.events(1, tag: "refused-escalation", directory: directory)
            let summary = try await store.applyBatch(
                [InboundEvent(event: report[0], topic: "watchpost.seed", partition: 0, offset: 0, raw: [])],
                rejected: [],
                now: Date().addingTimeInterval(-7201)
            )
            await pool.close()
            #expect(summary.obligationsOpened >= 1)

            try await waitUntil("the worker exits", timeout: .seconds(2 * 60)) { !worker.isRunning }
            #expect(
                worker.exitStatus == 1,
                "exit status \(String(describing: worker.exitStatus)):\n\(worker.logTail())"
            )
            #expect(worker.logTail(lines: 400).contains("refuses messages for \(PipelineBroker.eventsTopic)"))
            #expect(
                try await database.count(
                    "SELECT count(*) FROM outbox WHERE topic = '\(PipelineBroker.eventsTopic)' AND failed_at IS NULL"
                ) >= 1,
                "the escalation stays queued"
            )
        }
    }
}
