import Foundation
import Kafka
import Synchronization

/// `scripts/cluster` driven by a test: a cluster folder of its own, the test's database
/// (`WATCHPOST_DATABASE_URL`, so the script starts no PostgreSQL), the built binary and the
/// tests' event keys. What every command printed is kept for failure messages.
final class ClusterScript: Sendable {
    /// The cluster folder (`WATCHPOST_CLUSTER_DIR`): pid files, logs, `cluster.env`.
    let folder: URL
    private let environment: [String: String]
    private let transcript = Mutex<[String]>([])

    /// The script: `$WATCHPOST_ROOT/scripts/cluster` (scripts/test), else this checkout's.
    static var script: URL {
        let root = ProcessInfo.processInfo.environment["WATCHPOST_ROOT"].map { URL(fileURLWithPath: $0) }
        return (root ?? PipelinePaths.root).appendingPathComponent("scripts/cluster")
    }

    private init(databaseURL: String, configDirectory: URL, workerArguments: [String]) throws {
        folder = URL(fileURLWithPath: "/tmp").appendingPathComponent("watchpost-cluster-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        environment = [
            "WATCHPOST_CLUSTER_DIR": folder.path,
            "WATCHPOST_DATABASE_URL": databaseURL,
            "WATCHPOST_BIN": try PipelinePaths.binary().path,
            "WATCHPOST_CONFIG_DIR": configDirectory.path,
            "WATCHPOST_EVENT_KEYS": TestEventKeys.value,
            "WATCHPOST_LINK_SECRET": "cluster-tests-link-secret-0123456789-abcdefghijklmnop",
            "WATCHPOST_CLUSTER_WORKER_ARGS": workerArguments.joined(separator: " "),
        ]
    }

    /// Starts a cluster of `workers` workers on `databaseURL`, runs `body` with it, then runs
    /// `scripts/cluster stop` whatever happens; a failure carries the end of every log.
    static func with<Value>(
        workers: Int,
        databaseURL: String,
        configDirectory: URL = PipelinePaths.config,
        workerArguments: [String] = [],
        isolation: isolated (any Actor)? = #isolation,
        _ body: (ClusterScript) async throws -> Value
    ) async throws -> Value {
        let cluster = try ClusterScript(
            databaseURL: databaseURL,
            configDirectory: configDirectory,
            workerArguments: workerArguments
        )
        do {
            try await cluster.run("start", "\(workers)")
            let value = try await body(cluster)
            try await cluster.run("stop")
            try? FileManager.default.removeItem(at: cluster.folder)
            return value
        } catch {
            _ = try? await cluster.run("stop")
            let failure = ClusterRunFailed(
                underlying: error,
                transcript: cluster.transcriptText,
                logs: cluster.logTails()
            )
            try? FileManager.default.removeItem(at: cluster.folder)
            throw failure
        }
    }

    /// Runs `scripts/cluster ARGUMENTS` and returns what it printed; throws if it exits non-zero.
    @discardableResult
    func run(_ arguments: String...) async throws -> String {
        let exports = environment.sorted { $0.key < $1.key }.map { "export \($0.key)=\(Self.quoted($0.value))" }
        // Settings of the test process that would change the cluster's addresses.
        let command =
            (exports + ["unset WATCHPOST_PUBLIC_URL WATCHPOST_API_PORT"]
            + [([Self.script.path] + arguments).map(Self.quoted).joined(separator: " ")])
            .joined(separator: "; ")
        let shown = "$ scripts/cluster \(arguments.joined(separator: " "))"
        do {
            let output = try await PipelinePrivateCluster.shell(command)
            transcript.withLock { $0.append("\(shown)\n\(output)") }
            return output
        } catch let failure as PipelinePrivateCluster.CommandFailed {
            transcript.withLock { $0.append("\(shown)  → exit \(failure.status)\n\(failure.output)") }
            throw ClusterCommandFailed(command: shown, status: failure.status, output: failure.output)
        }
    }

    /// Starts or stops workers until `workers` run (`scripts/cluster scale`).
    @discardableResult
    func scale(to workers: Int) async throws -> String {
        try await run("scale", "\(workers)")
    }

    /// `cluster.env`: the broker, the database, the API's address … as the script resolved them.
    func settings() throws -> [String: String] {
        let text = try String(contentsOf: folder.appendingPathComponent("cluster.env"), encoding: .utf8)
        var settings: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            settings[String(line[..<equals])] = Self.unquoted(line[line.index(after: equals)...])
        }
        return settings
    }

    /// The bootstrap brokers from `cluster.env`.
    func brokers() throws -> [String] {
        guard let brokers = try settings()["WATCHPOST_KAFKA_BROKERS"], !brokers.isEmpty else {
            throw ClusterCommandFailed(command: "cluster.env", status: 0, output: "no WATCHPOST_KAFKA_BROKERS")
        }
        return brokers.split(separator: ",").map(String.init)
    }

    /// A producer for the cluster's broker that batches well (the embedded broker hands out one
    /// record batch per fetch), as ``PipelineBroker/producer()`` makes for an in-process broker.
    func producer() throws -> KafkaProducer {
        var configuration = KafkaProducerConfiguration(bootstrapBrokers: try brokers())
        configuration.linger = .milliseconds(20)
        configuration.additionalProperties = ["batch.num.messages": "2000", "queue.buffering.max.messages": "200000"]
        return try KafkaProducer(configuration: configuration)
    }

    /// The text of process `name`'s log (`worker-2`, `api`, `broker`), or "".
    func log(_ name: String) -> String {
        (try? String(contentsOf: folder.appendingPathComponent("\(name).log"), encoding: .utf8)) ?? ""
    }

    private var transcriptText: String { transcript.withLock { $0.joined(separator: "\n") } }

    /// The last lines of every log in the folder.
    private func logTails(lines: Int = 15) -> String {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".log") && $0 != "directory-sync.log" }.sorted()
        return names.map { name in
            let text = (try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)) ?? ""
            let tail = text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines)
            return "── \(name)\n" + tail.joined(separator: "\n")
        }.joined(separator: "\n")
    }

    /// `value` in single quotes for bash.
    private static func quoted(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }

    /// A value of `cluster.env` (bash's `printf %q`: backslashes before special characters, or
    /// '' for the empty string).
    private static func unquoted(_ value: Substring) -> String {
        if value == "''" { return "" }
        var result = ""
        var escaped = false
        for character in value {
            if character == "\\" && !escaped {
                escaped = true
                continue
            }
            result.append(character)
            escaped = false
        }
        return result
    }
}

/// A `scripts/cluster` command that exited non-zero, with what it printed.
struct ClusterCommandFailed: Error, CustomStringConvertible {
    var command: String
    var status: Int32
    var output: String
    var description: String { "`\(command)` exited \(status):\n\(output)" }
}

/// A test step that failed while a cluster ran: the error, every command's output and the end
/// of every process's log.
struct ClusterRunFailed: Error, CustomStringConvertible {
    var underlying: any Error
    var transcript: String
    var logs: String
    var description: String { "\(underlying)\n\nscripts/cluster said:\n\(transcript)\n\nlogs:\n\(logs)" }
}
