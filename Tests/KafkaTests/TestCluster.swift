import Foundation
import Kafka
import Synchronization
import Testing
import WatchpostTestSupport

/// The broker of one test: an embedded broker started for it, or the real Apache Kafka named
/// by `WATCHPOST_KAFKA_BROKERS` (then every topic and group name is unique).
final class TestCluster: Sendable {
    /// The brokers of a real Kafka cluster, if the environment names one.
    static let realBrokers: [String]? = ProcessInfo.processInfo.environment["WATCHPOST_KAFKA_BROKERS"]
        .map { $0.split(separator: ",").map(String.init) }
        .flatMap { $0.isEmpty ? nil : $0 }

    /// Whether tests run against the embedded broker (and may inject faults).
    static var isEmbedded: Bool { realBrokers == nil }

    /// The embedded broker, when tests do not run against a real cluster.
    let embedded: EmbeddedBroker?
    let brokers: [String]

    init(embeddedBrokers: Int = 1) throws {
        if let real = Self.realBrokers {
            embedded = nil
            brokers = real
        } else {
            let broker = try EmbeddedBroker(brokers: embeddedBrokers)
            embedded = broker
            brokers = broker.bootstrapBrokerList
        }
    }

    var connection: KafkaConnectionConfiguration {
        KafkaConnectionConfiguration(bootstrapBrokers: brokers)
    }

    /// Creates a topic with a unique name and waits until metadata shows all its partitions.
    func createTopic(_ prefix: String, partitions: Int) async throws -> String {
        let name = uniqueName(prefix)
        let admin = try admin()
        try await admin.createTopic(name, partitions: partitions)
        try await waitUntil("topic \(name) has \(partitions) partitions") {
            try await admin.metadata().topic(named: name)?.partitionCount == partitions
        }
        return name
    }

    /// An admin client; for the embedded broker it creates topics through its control API.
    func admin() throws -> KafkaAdmin {
        if let embedded {
            return try KafkaAdmin(embeddedBroker: embedded)
        }
        return try KafkaAdmin(connection: connection)
    }

    func producer(messageTimeout: Duration = .seconds(30)) throws -> KafkaProducer {
        var configuration = KafkaProducerConfiguration(connection: connection)
        configuration.messageTimeout = messageTimeout
        return try KafkaProducer(configuration: configuration)
    }

    /// A consumer tuned for tests: short group timeouts so rebalances finish in seconds.
    func consumer(group: String, topic: String, maxBatchSize: Int = 50) throws -> KafkaConsumer {
        var configuration = KafkaConsumerConfiguration(connection: connection, groupID: group, topics: [topic])
        configuration.maxBatchSize = maxBatchSize
        configuration.maxBatchWait = .milliseconds(50)
        configuration.sessionTimeout = .seconds(6)
        configuration.heartbeatInterval = .milliseconds(500)
        configuration.maxPollInterval = .seconds(20)
        return try KafkaConsumer(configuration: configuration)
    }
}

/// A name no other test or earlier run uses.
func uniqueName(_ prefix: String) -> String {
    "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())"
}

/// Sends all messages concurrently and returns their delivery reports in message order.
func sendAll(_ messages: [KafkaProducerMessage], with producer: KafkaProducer) async throws -> [KafkaDeliveryReport] {
    try await withThrowingTaskGroup(of: (Int, KafkaDeliveryReport).self) { group in
        for (index, message) in messages.enumerated() {
            group.addTask { (index, try await producer.send(message)) }
        }
        var reports = [KafkaDeliveryReport?](repeating: nil, count: messages.count)
        for try await (index, report) in group {
            reports[index] = report
        }
        return reports.compactMap { $0 }
    }
}

/// Values gathered by concurrent tasks.
final class Collected<Value: Sendable>: Sendable {
    private let storage = Mutex<[Value]>([])

    func append(_ values: [Value]) {
        storage.withLock { $0 += values }
    }

    var values: [Value] { storage.withLock { $0 } }
}
