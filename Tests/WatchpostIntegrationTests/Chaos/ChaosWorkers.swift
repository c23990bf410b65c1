import Foundation

/// The chaos runs' worker processes, and the kill that hits one of them at random.
enum ChaosWorkers {
    /// Starts `count` workers named `worker-1`…, logging to `logs`; each delivers to `receiver`
    /// when one is given and reads its configuration from `config`.
    static func start(
        _ count: Int,
        broker: PipelineBroker,
        database: PipelineDatabase,
        logs: URL,
        config: URL = PipelinePaths.config,
        batchSize: Int? = nil,
        receiver: String? = nil
    ) throws -> [PipelineWorkerProcess] {
        try (1...count).map { index in
            try PipelineWorkerProcess(
                name: "worker-\(index)",
                brokers: broker.bootstrap,
                databaseURL: database.url,
                configDirectory: config,
                logFolder: logs,
                extraArguments: batchSize.map { ["--batch-size", "\($0)"] } ?? [],
                environment: receiver.map { ["WATCHPOST_DEV_DELIVERY": "webhook:\($0)"] } ?? [:]
            )
        }
    }

    /// Kills a worker picked by `random` with SIGKILL, waits until it is gone, and restarts it.
    static func killOne(of workers: [PipelineWorkerProcess], using random: inout PipelineRandom) async throws {
        let victim = workers[Int(random.next() % UInt64(workers.count))]
        try await victim.kill()
        try victim.restart()
    }
}
