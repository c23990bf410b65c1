import Foundation
import Logging
import Postgres
import ServiceLifecycle
import Synchronization
import WatchpostAPI
import WatchpostCore
import WatchpostStore
import WatchpostTestSupport

/// Everything the web pages need, for real: a migrated database with the shipped directory, an
/// embedded broker, a `watchpost worker` process whose dispatcher sends every delivery
/// (alerts and sign-in codes) to `receiver` (`WATCHPOST_DEV_DELIVERY`), and `watchpost api`
/// built by `APIServer.build` and listening on a loopback port that is also its public URL, so
/// the CSRF origin check and the session cookie work as they do in production.
struct WebTestStack: Sendable {
    /// The acknowledge-link and sign-in secret shared by the API and the worker.
    static let linkSecret = "web-tests-link-secret-0123456789-abcdefghijklmnop"

    let database: PipelineDatabase
    let environment: APIEnvironment
    let receiver: WebDeliveryReceiver
    /// `http://127.0.0.1:PORT`.
    let baseURL: String

    /// The directory the API and the worker load (the shipped `Config/directory.yaml`).
    var directory: Directory { environment.directory }

    /// Starts everything, runs `body`, and stops everything whatever happens.
    static func with<Value: Sendable>(_ body: @Sendable (WebTestStack) async throws -> Value) async throws -> Value {
        let receiver = try WebDeliveryReceiver()
        defer { receiver.stop() }
        let broker = try await PipelineBroker(partitions: 1)
        let logs = FileManager.default.temporaryDirectory.appendingPathComponent("watchpost-web-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        return try await PipelineDatabase.with { database in
            try await LoopbackAPI.with(brokers: broker.brokers, database: database) { environment, baseURL in
                try await Migrator.migrate(environment.pool, logger: PipelineInProcessWorker.logger)
                _ = try await DirectorySync.sync(environment.directory, pool: environment.pool, now: Date())
                let worker = try WebWorkerProcess(
                    brokers: broker.brokers.joined(separator: ","),
                    databaseURL: database.url,
                    receiverURL: receiver.url,
                    logFolder: logs
                )
                let stack = WebTestStack(
                    database: database,
                    environment: environment,
                    receiver: receiver,
                    baseURL: baseURL
                )
                let value: Value
                do {
                    value = try await body(stack)
                } catch {
                    let log = worker.tail()
                    _ = try? await worker.terminate()
                    throw WebStackFailure(underlying: error, workerLog: log)
                }
                _ = try await worker.terminate()
                try? FileManager.default.removeItem(at: logs)
                return value
            }
        }
    }

    /// Signs `officer` in the way a person does: asks for a code on the sign-in form, takes the
    /// code the worker delivered to the receiver, and enters it. Returns the signed-in client.
    func signIn(_ officer: OfficerID) async throws -> WebClient {
        let client = WebClient(baseURL: baseURL)
        let asked = try await client.post("/sign-in", [("officer", officer)])
        guard asked.status == 200 else { throw WebStackFailure.page("POST /sign-in", asked) }
        var code: String?
        try await waitUntil("the worker delivers a sign-in code for \(officer)", timeout: .seconds(60)) {
            code = receiver.takeCode(for: officer)
            return code != nil
        }
        let verified = try await client.post("/sign-in/verify", [("officer", officer), ("code", code ?? "")])
        guard verified.status == 303 else { throw WebStackFailure.page("POST /sign-in/verify", verified) }
        return client
    }

    /// Runs one query on a new connection and returns the first column of its first row.
    func scalar<Value: PostgresDecodable>(_ query: PostgresQuery, as type: Value.Type) async throws -> Value? {
        try await database.rows(query).first?.decode(Value?.self, at: 0)
    }
}

/// The stack failed; carries the worker's last log lines to explain why.
struct WebStackFailure: Error, CustomStringConvertible {
    var underlying: any Error
    var workerLog: String

    static func page(_ what: String, _ answer: WebClient.Answer) -> WebStackFailure {
        WebStackFailure(
            underlying: PipelineTimeout(
                what:
                    "\(what) answers as expected; it answered \(answer.status): \(WebHTML.text(answer.body).prefix(600))"
            ),
            workerLog: ""
        )
    }

    var description: String { "\(underlying)\(workerLog.isEmpty ? "" : "\n--- worker log ---\n\(workerLog)")" }
}

/// The development delivery receiver of the web tests: takes every delivery the worker sends
/// (`WATCHPOST_DEV_DELIVERY=webhook:…`), keeps the sign-in codes per officer, and hands each
/// code out once, to a test or, over `GET /code?officer=ID`, to `scripts/browser-check`.
final class WebDeliveryReceiver: Sendable {
    private let server: TestHTTPServer
    private let codes: CodeBook

    init() throws {
        let codes = CodeBook()
        self.codes = codes
        server = try TestHTTPServer { request, _ in
            if request.method == "GET", request.path.hasPrefix("/code") {
                let officer =
                    URLComponents(string: request.path)?.queryItems?.first { $0.name == "officer" }?.value ?? ""
                return codes.take(for: officer).map { .status(200, body: $0) } ?? .status(404)
            }
            if let document = try? JSONSerialization.jsonObject(with: request.body) as? [String: Any],
                document["template"] as? String == "sign_in",
                let officer = document["recipient_officer_id"] as? String, let code = document["code"] as? String
            {
                codes.add(code, for: officer)
            }
            return .status(200)
        }
    }

    /// The sign-in codes received and not handed out yet, per officer, oldest first.
    private final class CodeBook: Sendable {
        private let codes = Mutex<[String: [String]]>([:])

        func add(_ code: String, for officer: String) { codes.withLock { $0[officer, default: []].append(code) } }

        func take(for officer: String) -> String? {
            codes.withLock { codes in codes[officer]?.isEmpty == false ? codes[officer]?.removeFirst() : nil }
        }
    }

    /// The webhook URL for `WATCHPOST_DEV_DELIVERY`.
    var url: String { server.url }
    /// Where `scripts/browser-check` asks for codes.
    var codeURL: String { "http://127.0.0.1:\(server.port)/code" }
    /// Every delivery received so far.
    var requests: [TestHTTPServer.Request] { server.requests }

    /// The oldest sign-in code for `officer` not handed out yet.
    func takeCode(for officer: OfficerID) -> String? { codes.take(for: officer) }

    func stop() { server.stop() }
}

/// A `watchpost worker` process for the web tests, with the development delivery override, the
/// tests' event keys and the shared link secret in its environment.
final class WebWorkerProcess: Sendable {
    private let process: ChildProcess
    let logFile: URL

    init(brokers: String, databaseURL: String, receiverURL: String, logFolder: URL) throws {
        logFile = logFolder.appendingPathComponent("worker.log")
        var environment = TestEventKeys.childEnvironment
        environment["WATCHPOST_DEV_DELIVERY"] = "webhook:\(receiverURL)"
        environment["WATCHPOST_LINK_SECRET"] = WebTestStack.linkSecret
        process = try ChildProcess(
            PipelinePaths.binary().path,
            [
                "worker", "--brokers", brokers, "--database-url", databaseURL, "--config-dir",
                PipelinePaths.config.path, "--metrics-port", "0", "--session-timeout", "6", "--log-level", "info",
            ],
            environment: environment,
            stdout: .file(logFile.path),
            stderr: .standardOutput
        )
    }

    /// Sends SIGTERM and waits for the exit.
    func terminate() async throws -> Int32 {
        process.send(SIGTERM)
        try await waitUntil("worker \(process.pid) exits after SIGTERM", timeout: .seconds(30)) {
            !self.process.isRunning
        }
        return process.exitStatus ?? -1
    }

    /// The last 40 lines of its log.
    func tail() -> String {
        let text = (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(40).joined(separator: "\n")
    }
}
