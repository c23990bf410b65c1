import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import WatchpostAPI
import WatchpostTestSupport

/// `watchpost api`, built by `APIServer.build` and run in-process on a loopback port that is also
/// its public URL, so the CSRF origin check and the session cookie work as they do in production.
///
/// The port is one the kernel called free a moment before the server binds it, and an outgoing
/// connection of any process on the machine may take it in between. When the server stops before
/// it ever answered `/healthz` (it could not bind), the whole server is built again on another
/// port, up to `attempts` times, instead of waiting out the timeout on a server that is gone.
enum LoopbackAPI {
    /// How many ports to try before giving up.
    static let attempts = 5

    /// Runs the API for as long as `body` runs, then shuts it down and closes its environment.
    /// `configure` adjusts the settings beyond the broker, database, port and keys.
    static func with<Value: Sendable>(
        brokers: [String],
        database: PipelineDatabase,
        configure: (inout APISettings) -> Void = { _ in },
        _ body: @Sendable (_ environment: APIEnvironment, _ baseURL: String) async throws -> Value
    ) async throws -> Value {
        var failures: [String] = []
        for _ in 0..<attempts {
            let port = try PipelineOperationsTests.freePort()
            var settings = APISettings(
                brokers: brokers,
                database: database.configuration,
                configDirectory: PipelinePaths.config
            )
            settings.host = "127.0.0.1"
            settings.port = port
            settings.publicURL = "http://127.0.0.1:\(port)"
            settings.linkSecret = WebTestStack.linkSecret
            settings.keyring = TestEventKeys.keyring
            configure(&settings)
            switch try await run(settings: settings, body) {
            case .finished(let value): return value
            case .didNotStart(let reason): failures.append("port \(port): \(reason)")
            }
        }
        throw PipelineTimeout(
            what: "the API to start on one of \(attempts) ports (\(failures.joined(separator: "; ")))"
        )
    }

    private enum Outcome<Value: Sendable>: Sendable {
        case finished(Value)
        case didNotStart(String)
    }

    private static func run<Value: Sendable>(
        settings: APISettings,
        _ body: @Sendable (APIEnvironment, String) async throws -> Value
    ) async throws -> Outcome<Value> {
        let logger = PipelineInProcessWorker.logger
        let (application, environment) = try await APIServer.build(settings: settings, logger: logger)
        let baseURL = "http://127.0.0.1:\(settings.port)"
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: [application], logger: logger))
        let stopped = StopReason()
        do {
            let outcome = try await withThrowingTaskGroup(of: Void.self, returning: Outcome<Value>.self) { tasks in
                tasks.addTask {
                    do {
                        try await group.run()
                        stopped.set("the server stopped")
                    } catch {
                        stopped.set("\(error)")
                    }
                }
                do {
                    let client = WebClient(baseURL: baseURL)
                    try await waitUntil("the API serves /healthz or stops", timeout: .seconds(60)) {
                        if stopped.value != nil { return true }
                        return try await client.get("/healthz").status == 200
                    }
                    if let reason = stopped.value {
                        try await tasks.waitForAll()
                        return .didNotStart(reason)
                    }
                    let value = try await body(environment, baseURL)
                    await group.triggerGracefulShutdown()
                    try await tasks.waitForAll()
                    return .finished(value)
                } catch {
                    await group.triggerGracefulShutdown()
                    try? await tasks.waitForAll()
                    throw error
                }
            }
            await environment.close()
            return outcome
        } catch {
            await environment.close()
            throw error
        }
    }

    /// Why the server stopped, once it has.
    private final class StopReason: Sendable {
        private let reason = Mutex<String?>(nil)
        var value: String? { reason.withLock { $0 } }
        func set(_ value: String) { reason.withLock { $0 = value } }
    }
}
