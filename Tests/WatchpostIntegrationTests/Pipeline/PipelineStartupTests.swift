import Foundation
import Kafka
import Testing

/// A worker checks its topics before it joins the group: a broker error that waiting will not
/// cure stops it at start-up with a clear message and a non-zero exit status.
@Suite("Pipeline start-up checks")
struct PipelineStartupTests {
    @Test(
        "a worker whose lifecycle topic does not exist exits 1 at start-up and names the topic",
        .timeLimit(.minutes(5))
    )
    func missingLifecycleTopicStopsTheWorkerAtStartUp() async throws {
        try await PipelineDatabase.with { database in
            let broker = try EmbeddedBroker()
            try broker.createTopic(PipelineBroker.deadLetterTopic, partitions: 1)
            let result = try await PipelineCommandTests.watchpost([
                "worker", "--brokers", broker.bootstrapBrokers, "--database-url", database.url,
                "--config-dir", PipelinePaths.config.path, "--metrics-port", "0",
            ])
            #expect(result.status == 1, "\(result.output)")
            #expect(
                result.output.contains("the topic \(PipelineBroker.eventsTopic) does not exist"),
                "\(result.output)"
            )
        }
    }

    /// librdkafka's embedded broker cannot create topics over the protocol (decision D5), so this
    /// is the case where creating the missing dead-letter topic is impossible.
    @Test(
        "a worker whose dead-letter topic is missing and cannot be created exits 1 at start-up and says so",
        .timeLimit(.minutes(5))
    )
    func uncreatableDeadLetterTopicStopsTheWorkerAtStartUp() async throws {
        try await PipelineDatabase.with { database in
            let broker = try EmbeddedBroker()
            try broker.createTopic(PipelineBroker.eventsTopic, partitions: 2)
            let result = try await PipelineCommandTests.watchpost([
                "worker", "--brokers", broker.bootstrapBrokers, "--database-url", database.url,
                "--config-dir", PipelinePaths.config.path, "--metrics-port", "0",
            ])
            #expect(result.status == 1, "\(result.output)")
            #expect(
                result.output.contains(
                    "the dead-letter topic \(PipelineBroker.deadLetterTopic) does not exist and could not be created"
                ),
                "\(result.output)"
            )
            #expect(try await database.count("SELECT count(*) FROM events") == 0)
        }
    }
}
