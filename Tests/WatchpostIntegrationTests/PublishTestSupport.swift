import Foundation
import Kafka
import Logging
import Testing
import WatchpostCore
import WatchpostTestSupport

/// Runs the built `watchpost` binary as monitoring staff would, and reads what it sent.
enum PublishHarness {
    /// The repository root (two folders above this file's folder).
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The shipped `Config/` folder.
    static var configDirectory: String { root.appendingPathComponent("Config").path }

    /// The shipped directory, for decoding what was sent.
    static func directory() throws -> Directory {
        try Directory.load(contentsOf: root.appendingPathComponent("Config/directory.yaml"))
    }

    /// The `watchpost` binary: `$WATCHPOST_BIN` (set by scripts/test), else beside the test runner.
    static func binary() throws -> URL {
        if let path = ProcessInfo.processInfo.environment["WATCHPOST_BIN"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = runner.deletingLastPathComponent()
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("watchpost")
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isFolder), !isFolder.boolValue {
                return candidate
            }
            folder = folder.deletingLastPathComponent()
        }
        throw PublishHarnessError(
            "the watchpost binary was not found beside \(runner.path); build it or set WATCHPOST_BIN"
        )
    }

    /// What one run of the binary did.
    struct Run: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `watchpost ARGS` to completion; `stdin` is fed to its standard input, and
    /// `environment` is added to (or, with nil values, removed from) the tests' environment.
    static func run(_ arguments: [String], stdin: String? = nil, environment: [String: String?] = [:]) async throws -> Run {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("publish-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // Files rather than pipes: a full pipe would stall the child while nobody reads it.
        let outURL = folder.appendingPathComponent("stdout")
        let errURL = folder.appendingPathComponent("stderr")
        let inURL = folder.appendingPathComponent("stdin")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: inURL.path, contents: Data((stdin ?? "").utf8))
        var childEnvironment = TestEventKeys.childEnvironment
        for (name, value) in environment { childEnvironment[name] = value }
        let status = try await ChildProcess.run(
            binary().path,
            arguments,
            environment: childEnvironment,
            stdin: .file(inURL.path),
            stdout: .file(outURL.path),
            stderr: .file(errURL.path)
        )
        return Run(
            status: status,
            stdout: try String(contentsOf: outURL, encoding: .utf8),
            stderr: try String(contentsOf: errURL, encoding: .utf8)
        )
    }

    /// Reads `count` messages from `topic` (from the beginning), failing after `timeout`.
    static func consume(
        _ count: Int,
        from topic: String,
        brokers: [String],
        timeout: Duration = .seconds(30)
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
