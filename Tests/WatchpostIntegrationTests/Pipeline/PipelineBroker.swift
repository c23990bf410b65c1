import Foundation
import Kafka
import WatchpostTestSupport

/// An embedded broker for one test, with the lifecycle and dead-letter topics created.
final class PipelineBroker: Sendable {
    static let eventsTopic = "watchpost.events"
    static let deadLetterTopic = "watchpost.events.dlq"

    let broker: EmbeddedBroker
    var brokers: [String] { broker.bootstrapBrokerList }
    var bootstrap: String { broker.bootstrapBrokers }

    init(partitions: Int = 8) async throws {
        broker = try EmbeddedBroker()
        try broker.createTopic(Self.eventsTopic, partitions: partitions)
        try broker.createTopic(Self.deadLetterTopic, partitions: 1)
        let admin = try KafkaAdmin(embeddedBroker: broker)
        try await waitUntil("topics exist", timeout: .seconds(20)) {
            let metadata = try await admin.metadata()
            return metadata.topic(named: Self.eventsTopic)?.partitionCount == partitions
                && metadata.topic(named: Self.deadLetterTopic)?.partitionCount == 1
        }
    }

    /// A producer that batches well (the embedded broker hands out one record batch per fetch).
    func producer() throws -> KafkaProducer {
        var configuration = KafkaProducerConfiguration(bootstrapBrokers: brokers)
        configuration.linger = .milliseconds(20)
        configuration.additionalProperties = ["batch.num.messages": "2000", "queue.buffering.max.messages": "200000"]
        return try KafkaProducer(configuration: configuration)
    }

    /// Sends raw messages of one producer: messages with the same key are sent in order
    /// (wave by wave), messages of different keys concurrently.
    static func send(_ messages: [KafkaProducerMessage], with producer: KafkaProducer) async throws {
        var waves: [[KafkaProducerMessage]] = []
        var seen: [[UInt8]: Int] = [:]
        for message in messages {
            let key = message.key ?? []
            let wave = seen[key, default: -1] + 1
            seen[key] = wave
            if waves.count <= wave { waves.append([]) }
            waves[wave].append(message)
        }
        for wave in waves {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for message in wave {
                    group.addTask { _ = try await producer.send(message) }
                }
                try await group.waitForAll()
            }
        }
    }

    /// Reads the whole dead-letter topic until `expected` distinct source offsets were seen.
    func deadLetters(expected: Int, timeout: Duration) async throws -> [KafkaConsumerMessage] {
        var configuration = KafkaConsumerConfiguration(
            bootstrapBrokers: brokers,
            groupID: "dlq-reader-\(UUID().uuidString)",
            topics: [Self.deadLetterTopic]
        )
        configuration.maxBatchWait = .milliseconds(50)
        configuration.sessionTimeout = .seconds(6)
        configuration.heartbeatInterval = .milliseconds(500)
        let consumer = try KafkaConsumer(configuration: configuration)
        var messages: [KafkaConsumerMessage] = []
        var sources: Set<String> = []
        let deadline = ContinuousClock.now + timeout
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    try await Task.sleep(until: deadline)
                    await consumer.close()
                }
                for try await batch in consumer.batches {
                    messages += batch.messages
                    for message in batch.messages {
                        sources.insert(
                            Self.header("source-topic", message) + Self.header("source-offset", message)
                                + "/" + Self.header("source-partition", message)
                        )
                    }
                    if sources.count >= expected { break }
                }
                group.cancelAll()
            }
        } catch is CancellationError {}
        await consumer.close()
        return messages
    }

    /// A header's value as text, or "".
    static func header(_ name: String, _ message: KafkaConsumerMessage) -> String {
        message.headers.first { $0.key == name }?.value.map { String(decoding: $0, as: UTF8.self) } ?? ""
    }
}
