import Foundation
import Kafka
import Logging
import Testing
import WatchpostCore
import WatchpostTestSupport

/// Runs the built `watchpost` binary as monitoring staff would, and reads what it sent.
enum PublishHarness {
    /// The shipped `Config/` folder.
    static var configDirectory: String { PipelinePaths.config.path }

    /// The shipped directory, for decoding what was sent.
    static func directory() throws -> Directory {
        try Directory.load(contentsOf: PipelinePaths.config.appendingPathComponent("directory.yaml"))
    }

    /// What one run of the binary did.
    typealias Run = ChildProcess.Finished

    /// Runs `watchpost ARGS` to completion; `stdin` is fed to its standard input, and
    /// `environment` is added to (or, with nil values, removed from) the tests' environment.
    static func run(_ arguments: [String], stdin: String? = nil, environment: [String: String?] = [:]) async throws
        -> Run
    {
        var childEnvironment = TestEventKeys.childEnvironment
        for (name, value) in environment { childEnvironment[name] = value }
        return try await ChildProcess.capture(
            PipelinePaths.binary().path,
            arguments,
            environment: childEnvironment,
            stdin: stdin ?? ""
        )
    }

    /// Reads `count` messages from `topic` (from the beginning), failing after `timeout`: a hang
    /// limit, long because a consumer group forms slowly on a loaded machine.
    static func consume(
        _ count: Int,
        from topic: String,
        brokers: [String],
        timeout: Duration = .seconds(120)
    ) async throws -> [KafkaConsumerMessage] {
        var configuration = KafkaConsumerConfiguration(
            bootstrapBrokers: brokers,
            groupID: "publish-test-\(UUID().uuidString.prefix(8))",
            topics: [topic]
        )
        configuration.maxBatchWait = .milliseconds(50)
        configuration.sessionTimeout = .seconds(6)
        configuration.heartbeatInterval = .milliseconds(500)
        let consumer = try KafkaConsumer(configuration: configuration, logger: publishQuietLogger)
        let received = try await withThrowingTaskGroup(of: [KafkaConsumerMessage]?.self) { group in
            group.addTask {
                var messages: [KafkaConsumerMessage] = []
                for try await batch in consumer.batches {
                    messages += batch.messages
                    if messages.count >= count { break }
                }
                return messages
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            let first = try await group.next() ?? nil
            group.cancelAll()
            return first
        }
        await consumer.close()
        guard let received else {
            throw PublishHarnessError("fewer than \(count) messages arrived on \(topic) within \(timeout)")
        }
        return received
    }

    /// Parses `key=value key=value` into a dictionary.
    static func fields(_ line: Substring) -> [String: String] {
        var result: [String: String] = [:]
        for pair in line.split(separator: " ") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { result[String(parts[0])] = String(parts[1]) }
        }
        return result
    }
}

/// A test broker with one fresh topic.
struct PublishBroker: Sendable {
    let broker: EmbeddedBroker
    let topic: String

    init(partitions: Int = 4) throws {
        broker = try EmbeddedBroker(logger: publishQuietLogger)
        topic = "publish-\(UUID().uuidString.prefix(8).lowercased())"
        try broker.createTopic(topic, partitions: partitions)
    }

    var brokers: [String] { broker.bootstrapBrokerList }

    /// The flags that point `watchpost publish` at this broker, topic and the shipped config.
    var flags: [String] {
        ["--brokers", broker.bootstrapBrokers, "--topic", topic, "--config-dir", PublishHarness.configDirectory]
    }
}

/// A logger for the test's own Kafka clients: their connection chatter is not what is tested.
let publishQuietLogger: Logger = {
    var logger = Logger(label: "publish-test")
    logger.logLevel = .error
    return logger
}()

/// A failure of the test harness itself, with a message saying what to fix.
struct PublishHarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
