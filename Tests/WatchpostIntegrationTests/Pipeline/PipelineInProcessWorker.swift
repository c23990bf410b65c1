import Foundation
import Logging
import Prometheus
import WatchpostOperations
import WatchpostPipeline

/// Workers built with `buildWorker` inside the test process, stopped by graceful shutdown.
enum PipelineInProcessWorker {
    /// Settings for a test: short group timeouts, no metrics port.
    static func settings(
        broker: PipelineBroker,
        database: PipelineDatabase,
        configDirectory: URL = PipelinePaths.config
    ) -> WorkerSettings {
        var settings = WorkerSettings(
            brokers: broker.brokers,
            database: database.configuration,
            configDirectory: configDirectory
        )
        settings.sessionTimeout = .seconds(6)
        settings.metricsPort = 0
        settings.gaugeInterval = .seconds(2)
        settings.keyring = TestEventKeys.keyring
        // Parallel transactions per batch are off by default; the in-process workers run them,
        // so every pipeline test covers that path too.
        settings.lanes = 2
        return settings
    }

    static var logger: Logger {
        var logger = Logger(label: "test.worker") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel =
            ProcessInfo.processInfo.environment["WATCHPOST_TEST_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:))
            ?? .warning
        return logger
    }

    /// Builds `count` workers with `settings` (and their delivery channels from `environment`),
    /// runs them while `body` runs, then shuts them down gracefully and waits for them to finish.
    static func with<Value>(
        _ count: Int,
        settings: WorkerSettings,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        isolation: isolated (any Actor)? = #isolation,
        _ body: ([Worker]) async throws -> Value
    ) async throws -> Value {
        var workers: [Worker] = []
        for _ in 0..<count {
            workers.append(
                try await buildWorker(
                    settings: settings,
                    handlesSignals: false,
                    environment: environment,
                    endpoint: OperationsServer.init,
                    logger: logger
                )
            )
        }
        let running = workers
        return try await withThrowingTaskGroup(of: Void.self, returning: Value.self) { group in
            for worker in running {
                group.addTask { try await worker.run() }
            }
            do {
                let value = try await body(running)
                for worker in running { await worker.serviceGroup.triggerGracefulShutdown() }
                try await group.waitForAll()
                return value
            } catch {
                for worker in running { await worker.serviceGroup.triggerGracefulShutdown() }
                try? await group.waitForAll()
                throw error
            }
        }
    }

    /// Sums a counter (all label sets) over the workers' registries.
    static func counter(_ name: String, in workers: [Worker]) -> Double {
        workers.reduce(0) { total, worker in
            var buffer: [UInt8] = []
            worker.registry.emit(into: &buffer)
            let text = String(decoding: buffer, as: UTF8.self)
            return total
                + text.split(separator: "\n").reduce(0) { sum, line in
                    guard !line.hasPrefix("#"), line.hasPrefix(name),
                        line.dropFirst(name.count).first == " " || line.dropFirst(name.count).first == "{",
                        let value = line.split(separator: " ").last.flatMap({ Double($0) })
                    else { return sum }
                    return sum + value
                }
        }
    }
}
