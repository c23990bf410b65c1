import Foundation
import Synchronization
import WatchpostTestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// A `watchpost worker` process started from the built binary, logging to a file.
final class PipelineWorkerProcess: Sendable {
    private let process: Mutex<ChildProcess>
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
        process = Mutex(
            try Self.launch(arguments: arguments, environment: self.environment, logFile: logFile, append: false)
        )
    }

    private static func launch(
        arguments: [String],
        environment: [String: String],
        logFile: URL,
        append: Bool
    ) throws -> ChildProcess {
        try ChildProcess(
            PipelinePaths.binary().path,
            arguments,
            environment: environment,
            stdout: .file(logFile.path, append: append),
            stderr: .standardOutput
        )
    }

    private var current: ChildProcess { process.withLock { $0 } }
    var isRunning: Bool { current.isRunning }
    var pid: Int32 { current.pid }

    /// Kills it with SIGKILL and waits until it is gone.
    func kill() async throws {
        let pid = self.pid
        current.send(SIGKILL)
        try await waitUntil("worker \(pid) is gone", timeout: .seconds(10)) { !self.isRunning }
    }

    /// Sends SIGTERM and waits for the exit; returns the exit status.
    func terminate(timeout: Duration = .seconds(30)) async throws -> Int32 {
        let child = current
        child.send(SIGTERM)
        try await waitUntil("worker \(child.pid) exits after SIGTERM", timeout: timeout) { !child.isRunning }
        return child.exitStatus ?? -1
    }

    /// The exit status once it has exited on its own, else nil.
    var exitStatus: Int32? { current.exitStatus }

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
        current.send(SIGKILL)
    }
}
