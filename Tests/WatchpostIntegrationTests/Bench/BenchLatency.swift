import Foundation
import Kafka
import Postgres
import Testing
import WatchpostTestSupport
import WatchpostCore
import WatchpostPipeline

/// Latency at a steady offered rate, and escalation lateness, each on a fresh broker and database.
enum BenchLatency {
    /// The worker environment that sets the consumer's `fetch.wait.max.ms`, or none for the
    /// worker's default (100 ms). The embedded broker answers a fetch that finds nothing only when
    /// that wait has passed, even if a message arrives meanwhile (librdkafka's mock broker, by
    /// design); Apache Kafka answers as soon as data arrives. A short wait shows what the worker
    /// itself adds, as it would run against Kafka.
    static func fetchWaitEnvironment(_ milliseconds: Int?) -> [String: String] {
        milliseconds.map { ["WATCHPOST_KAFKA_PROPERTY_FETCH_WAIT_MAX_MS": "\($0)"] } ?? [:]
    }

    /// Publishes `rate` reports per second for `seconds` seconds to one idle worker and measures,
    /// per event, the time from the publish call to the commit of its database transaction.
    static func measure(
        rate: Int,
        seconds: Int,
        fetchWait: Int? = nil,
        directory: Directory,
        policy: Policy,
        logs: URL
    ) async throws -> BenchReport.Latency {
        let count = rate * seconds
        let scenario = PipelineScenario(
            count: count * 6,
            seed: UInt64(rate),
            directory: directory,
            policy: policy,
            vietnamese: true
        )
        let reports = zip(scenario.events, scenario.messages()).filter {
            if case .reported = $0.0.payload { true } else { false }
        }
        try #require(reports.count > count)
        let broker = try await PipelineBroker(partitions: PipelineBenchmarkTests.partitions)
        return try await PipelineDatabase.with { database in
            let worker = try PipelineWorkerProcess(
                name: "latency-\(rate)\(fetchWait.map { "-fetch-wait-\($0)" } ?? "")",
                brokers: broker.bootstrap,
                databaseURL: database.url,
                logFolder: logs,
                extraArguments: BenchDrain.arguments(group: "bench-latency"),
                environment: fetchWaitEnvironment(fetchWait)
            )
            do {
                let producer = try KafkaProducer(configuration: producerConfiguration(broker))
                // One report first, so the worker has joined and warmed up before the clock runs.
                _ = try await producer.send(reports[0].1)
                try await waitUntil("the worker stores a first report", timeout: .seconds(120)) {
                    try await database.count("SELECT count(*) FROM events") == 1
                }
                let measured = Array(reports[1...count])
                let published = try await publish(measured.map(\.1), rate: rate, with: producer)
                await producer.close()
                let ids = measured.map(\.0.eventID)
                try await waitUntil("the worker stores \(count) reports", timeout: .seconds(600)) {
                    try await database.count("SELECT count(*) FROM events") == Int64(count + 1)
                }
                _ = try await worker.terminate()
                var latencies: [Double] = []
                for row in try await database.rows(
                    """
                    SELECT event_id, extract(epoch FROM pg_xact_commit_timestamp(xmin))::float8
                    FROM events WHERE event_id = ANY(\(ids))
                    """
                ) {
                    let id = try row.decode(UUID.self, at: 0)
                    let index = try #require(ids.firstIndex(of: id))
                    latencies.append(try row.decode(Double.self, at: 1) - published[index].timeIntervalSince1970)
                }
                return BenchReport.Latency(
                    offeredPerSecond: rate,
                    seconds: seconds,
                    fetchWaitMilliseconds: fetchWait,
                    publishToCommitted: BenchPercentiles(seconds: latencies)
                )
            } catch {
                if worker.isRunning { _ = try? await worker.terminate() }
                print("worker log:\n\(worker.logTail())")
                throw error
            }
        }
    }

    /// Publishes `count` reports spread evenly over `window` seconds to two workers whose
    /// policy gives every incident an acknowledgement deadline a few seconds after it is
    /// stored, and measures how long after each deadline its escalation event was committed.
    static func escalations(
        count: Int,
        window: Int,
        fetchWait: Int? = nil,
        directory: Directory,
        logs: URL
    ) async throws -> BenchReport.Escalation {
        let folder = try PipelineEnforcerTests.configFolder(
            acknowledgeDeadline: PipelineBenchmarkTests.smoke ? "2s" : "5s"
        )
        defer { try? FileManager.default.removeItem(at: folder) }
        let broker = try await PipelineBroker(partitions: PipelineBenchmarkTests.partitions)
        return try await PipelineDatabase.with { database in
            let workers = try (0..<2).map { index in
                try PipelineWorkerProcess(
                    name: "escalation-\(index)\(fetchWait.map { "-fetch-wait-\($0)" } ?? "")",
                    brokers: broker.bootstrap,
                    databaseURL: database.url,
                    configDirectory: folder,
                    logFolder: logs,
                    // Info level: the enforcer logs each escalation with how late it requested it
                    // (notice), and the consumer logs its partition assignments.
                    extraArguments: BenchDrain.arguments(group: "bench-escalation", logLevel: "info"),
                    environment: fetchWaitEnvironment(fetchWait)
                )
            }
            do {
                // Both workers hold their partitions before the clock runs. Otherwise the reports
                // published while the group forms are stored together once it has formed, and
                // their deadlines fall due in one burst instead of across the window.
                try await waitUntil("both escalation workers have partitions", timeout: .seconds(120)) {
                    workers.allSatisfy { $0.logContains("partitions assigned") }
                }
                let producer = try KafkaProducer(configuration: producerConfiguration(broker))
                let reports = PipelineEnforcerTests.reports(count, seed: 11, directory: directory)
                _ = try await publish(reports, rate: max(1, count / window), with: producer)
                await producer.close()
                try await waitUntil("\(count) escalations are stored", timeout: .seconds(600)) {
                    try await database.count("SELECT count(*) FROM events WHERE type = 'incident.escalated'")
                        >= Int64(count)
                }
                for worker in workers { _ = try await worker.terminate() }
                var lateness: [Double] = []
                for row in try await database.rows(
                    """
                    SELECT extract(epoch FROM pg_xact_commit_timestamp(xmin) - occurred_at)::float8
                    FROM events WHERE type = 'incident.escalated'
                    """
                ) {
                    lateness.append(try row.decode(Double.self, at: 0))
                }
                return BenchReport.Escalation(
                    deadlines: count,
                    windowSeconds: window,
                    workers: workers.count,
                    fetchWaitMilliseconds: fetchWait,
                    lateness: BenchPercentiles(seconds: lateness)
                )
            } catch {
                for worker in workers where worker.isRunning { _ = try? await worker.terminate() }
                for worker in workers { print("worker log:\n\(worker.logTail())") }
                throw error
            }
        }
    }

    /// A producer as a monitoring tool would configure one: it sends at once (linger 1 ms).
    static func producerConfiguration(_ broker: PipelineBroker) -> KafkaProducerConfiguration {
        var configuration = KafkaProducerConfiguration(bootstrapBrokers: broker.brokers)
        configuration.linger = .milliseconds(1)
        return configuration
    }

    /// Sends `messages` at `rate` per second, each from its own task so a slow acknowledgement
    /// never delays the next send; returns the instant each send began.
    static func publish(_ messages: [KafkaProducerMessage], rate: Int, with producer: KafkaProducer) async throws
        -> [Date]
    {
        let clock = ContinuousClock()
        let start = clock.now
        var published: [Date] = []
        published.reserveCapacity(messages.count)
        try await withThrowingDiscardingTaskGroup { group in
            for (index, message) in messages.enumerated() {
                try await clock.sleep(until: start + .seconds(Double(index) / Double(rate)))
                published.append(Date())
                group.addTask { _ = try await producer.send(message) }
            }
        }
        return published
    }
}
