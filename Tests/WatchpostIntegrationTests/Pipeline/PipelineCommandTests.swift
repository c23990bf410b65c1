import Foundation
import Kafka
import Testing
import WatchpostCore
import WatchpostTestSupport

/// The operator commands, run from the built binary: `directory sync` refuses a broken
/// directory with file:line messages; `dlq list` and `dlq replay` work on rejected_events.
@Suite("Pipeline commands")
struct PipelineCommandTests {
    /// Runs `watchpost ARGUMENTS`; returns the exit status and the combined output.
    static func watchpost(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        let run = try await ChildProcess.capture(
            PipelinePaths.binary().path,
            arguments,
            environment: TestEventKeys.childEnvironment
        )
        return (run.status, run.stdout + run.stderr)
    }

    @Test("directory sync prints each problem as file:line: message and exits 1", .timeLimit(.minutes(5)))
    func directorySyncRejectsABrokenDirectory() async throws {
        let folder = try PipelineEnforcerTests.configFolder(acknowledgeDeadline: "2h")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("directory.yaml")
        let broken = try String(contentsOf: file, encoding: .utf8)
            .replacingOccurrences(of: "kind: lower_secondary", with: "kind: high_school")
        try broken.write(to: file, atomically: true, encoding: .utf8)
        try await PipelineDatabase.with { database in
            let result = try await Self.watchpost([
                "directory", "sync", "--config-dir", folder.path, "--database-url", database.url,
            ])
            #expect(result.status == 1, "\(result.output)")
            #expect(result.output.contains("\(file.path):"), "\(result.output)")
            #expect(result.output.contains("high_school"), "\(result.output)")
            #expect(try await database.count("SELECT count(*) FROM units") == 0, "nothing is synced")

            let good = try await Self.watchpost([
                "directory", "sync", "--database-url", database.url, "--config-dir", PipelinePaths.config.path,
            ])
            #expect(good.status == 0, "\(good.output)")
            #expect(try await database.count("SELECT count(*) FROM units") > 0)
        }
    }

    @Test(
        "dlq replay re-publishes rejected events once; still-invalid ones come back as new rows",
        .timeLimit(.minutes(5))
    )
    func deadLetterReplayRepublishesOnce() async throws {
        try await PipelineDatabase.with { database in
            let broker = try await PipelineBroker(partitions: 2)
            let settings = PipelineInProcessWorker.settings(broker: broker, database: database)
            try await PipelineInProcessWorker.with(1, settings: settings) { _ in
                let producer = try broker.producer()
                _ = try await producer.send(
                    KafkaProducerMessage(
                        topic: PipelineBroker.eventsTopic,
                        key: "k-1",
                        value: "{\"schema_version\": 1}"
                    )
                )
                try await waitUntil("the rejection is recorded", timeout: .seconds(60)) {
                    try await database.count("SELECT count(*) FROM rejected_events") == 1
                }
                let listed = try await Self.watchpost(["dlq", "list", "--database-url", database.url])
                #expect(listed.status == 0, "\(listed.output)")
                #expect(listed.output.contains("decode"), "\(listed.output)")
                #expect(listed.output.contains("1 row(s)"), "\(listed.output)")

                let replayed = try await Self.watchpost([
                    "dlq", "replay", "--brokers", broker.bootstrap, "--database-url", database.url,
                ])
                #expect(replayed.status == 0, "\(replayed.output)")
                #expect(replayed.output.contains("replayed 1 row(s)"), "\(replayed.output)")
                try await waitUntil("the replayed input comes back as a new rejection", timeout: .seconds(60)) {
                    try await database.count("SELECT count(*) FROM rejected_events") == 2
                }
                #expect(
                    try await database.count("SELECT count(*) FROM rejected_events WHERE replayed_at IS NOT NULL") == 1
                )
                let again = try await Self.watchpost([
                    "dlq", "replay", "--brokers", broker.bootstrap, "--database-url", database.url, "--limit", "0",
                ])
                #expect(again.output.contains("replayed 0 row(s)"), "\(again.output)")
                await producer.close()
            }
        }
    }
}
