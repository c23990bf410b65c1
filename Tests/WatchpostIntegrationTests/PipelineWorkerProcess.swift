import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A `watchpost worker` process started from the built binary, logging to a file.
final class PipelineWorkerProcess: Sendable {
    private let process: Mutex<Process>
    let logFile: URL
    private let arguments: [String]
    private let environment: [String: String]

    /// Starts a worker against `brokers` and `databaseURL`, with short group timeouts so that a
    /// killed worker's partitions move within seconds. `environment` adds to the test keys'
    /// environment (e.g. `WATCHPOST_KAFKA_PROPERTY_*`).
    init(
        name: String,
        brokers: String,
        databaseURL: String,
        configDirectory: URL = PipelinePaths.config,
        logFolder: URL,
        extraArguments: [String] = [],
        environment: [String: String] = [:]
    ) throws {
        logFile = logFolder.appendingPathComponent("\(name).log")
        arguments =
            [
                "worker", "--brokers", brokers, "--database-url", databaseURL,
                "--config-dir", configDirectory.path, "--metrics-port", "0",
                "--session-timeout", "6", "--log-level", "info",
            ] + extraArguments
        self.environment = TestEventKeys.childEnvironment.merging(environment) { $1 }
        process = Mutex(try Self.launch(arguments: arguments, environment: self.environment, logFile: logFile, append: false))
    }

    private static func launch(
        arguments: [String],
        environment: [String: String],
        logFile: URL,
        append: Bool
    ) throws -> Process {
        if !append || !FileManager.default.fileExists(atPath: logFile.path) {
            _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        }
        let handle = try FileHandle(forWritingTo: logFile)
        handle.seekToEndOfFile()
        let process = Process()
        process.executableURL = try PipelinePaths.binary()
        process.arguments = arguments
        process.environment = environment
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    var isRunning: Bool { process.withLock { $0.isRunning } }
    var pid: Int32 { process.withLock { $0.processIdentifier } }

    /// Kills it with SIGKILL and waits until it is gone.
    func kill() async throws {
        let pid = self.pid
        _ = Glibc.kill(pid, SIGKILL)
        try await waitUntil("worker \(pid) is gone", timeout: .seconds(10)) { !self.isRunning }
    }

    /// Sends SIGTERM and waits for the exit; returns the exit status.
    func terminate(timeout: Duration = .seconds(30)) async throws -> Int32 {
        let pid = self.pid
        _ = Glibc.kill(pid, SIGTERM)
        try await waitUntil("worker \(pid) exits after SIGTERM", timeout: timeout) { !self.isRunning }
        return process.withLock { $0.terminationStatus }
    }

    /// The exit status once it has exited on its own, else nil.
    var exitStatus: Int32? {
        process.withLock { $0.isRunning ? nil : $0.terminationStatus }
    }

    /// Starts the same worker again (after a kill), appending to its log.
    func restart() throws {
        let fresh = try Self.launch(arguments: arguments, environment: environment, logFile: logFile, append: true)
        process.withLock { $0 = fresh }
    }

    /// Whether its log contains `text` (e.g. "partitions assigned" at info level).
    func logContains(_ text: String) -> Bool {
        ((try? String(contentsOf: logFile, encoding: .utf8)) ?? "").contains(text)
    }

    /// How many times its log contains `text`, e.g. "failed; retrying".
    func logCount(_ text: String) -> Int {
        ((try? String(contentsOf: logFile, encoding: .utf8)) ?? "").components(separatedBy: text).count - 1
    }

    /// The last lines of its log, for failure messages.
    func logTail(lines: Int = 40) -> String {
        let text = (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
        return text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
    }

    deinit {
        let process = self.process.withLock { $0 }
        if process.isRunning { _ = Glibc.kill(process.processIdentifier, SIGKILL) }
    }
}
