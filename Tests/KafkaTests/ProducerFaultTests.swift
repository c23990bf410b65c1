import Kafka
import Testing
import WatchpostTestSupport

@Suite(.timeLimit(.minutes(5)))
struct ProducerFaultTests {
    @Test(.enabled(if: TestCluster.isEmbedded, "fault injection needs the embedded broker"))
    func sendWhileTheBrokerDoesNotAnswerFailsWithARetriableMessageTimeout() async throws {
        let cluster = try TestCluster()
        let broker = try #require(cluster.embedded)
        let topic = try await cluster.createTopic("broker-silent", partitions: 1)
        // The message timeout is what ends a send that cannot be delivered.
        let producer = try cluster.producer(messageTimeout: .seconds(2))
        _ = try await producer.send(KafkaProducerMessage(topic: topic, key: "k", value: "before"))

        try broker.stopAnswering(1)
        let error = await #expect(throws: KafkaError.self) {
            try await producer.send(KafkaProducerMessage(topic: topic, key: "k", value: "while silent"))
        }
        #expect(error?.code == .messageTimedOut)
        #expect(error?.rdKafkaName == "_MSG_TIMED_OUT")
        #expect(error?.isRetriable == true)

        // The error is retriable: once the broker answers again (and librdkafka's back-off, which
        // may take seconds, lets it try), sending again succeeds.
        try broker.resumeAnswering(1)
        try await waitUntil("a send succeeds after the broker is back") {
            let report = try? await producer.send(KafkaProducerMessage(topic: topic, key: "k", value: "after"))
            return report?.topic == topic
        }
        await producer.close()
    }

    @Test func producerRejectsInvalidConfigurationNamingTheKey() throws {
        var configuration = KafkaProducerConfiguration(bootstrapBrokers: ["127.0.0.1:1"])
        configuration.additionalProperties = ["queue.buffering.max.messages": "many"]
        let error = #expect(throws: KafkaError.self) {
            _ = try KafkaProducer(configuration: configuration)
        }
        #expect(error?.code == .configuration)
        #expect(error?.message.contains("queue.buffering.max.messages") == true)

        configuration.additionalProperties = ["acks": "1"]
        let managed = #expect(throws: KafkaError.self) {
            _ = try KafkaProducer(configuration: configuration)
        }
        #expect(managed?.message.contains("acks") == true)
    }

    @Test func learningTopicsSucceedsForAnExistingTopicAndFailsWhenNoBrokerAnswers() async throws {
        let cluster = try TestCluster()
        let topic = try await cluster.createTopic("learn", partitions: 3)
        let producer = try cluster.producer()
        try await producer.learn(topics: [topic])
        let report = try await producer.send(KafkaProducerMessage(topic: topic, key: "k", value: "after learning"))
        #expect(report.topic == topic)
        await producer.close()

        let unreachable = try KafkaProducer(
            configuration: KafkaProducerConfiguration(bootstrapBrokers: ["127.0.0.1:1"])
        )
        await #expect(throws: KafkaError.self) {
            try await unreachable.learn(topics: ["any"], timeout: .milliseconds(500))
        }
        await unreachable.close(timeout: .zero)
    }

    @Test func sendAfterCloseFailsAsClosed() async throws {
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(bootstrapBrokers: ["127.0.0.1:1"]))
        await producer.close(timeout: .zero)
        let error = await #expect(throws: KafkaError.self) {
            try await producer.send(KafkaProducerMessage(topic: "any", key: nil, value: "x"))
        }
        #expect(error?.code == .closed)
    }
}
