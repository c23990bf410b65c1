import ArgumentParser
import Dispatch
import Kafka
import Logging
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `watchpost dev-broker`: runs librdkafka's embedded broker in its own process for
/// development, prints `bootstrap=HOST:PORT[,...]` on stdout and runs until SIGINT/SIGTERM.
struct DevBrokerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev-broker",
        abstract: "Run an in-memory Kafka-protocol broker for development.",
        discussion: """
            Prints one line `bootstrap=127.0.0.1:PORT` on stdout once the topics exist, then runs \
            until SIGINT or SIGTERM. The port is chosen by the system: librdkafka 2.0.2's mock \
            cluster cannot listen on a fixed port. Data lives in memory (about 5 MiB per \
            partition) and is gone when the process ends.
            """
    )

    /// The number of brokers in the cluster.
    @Option(help: "Number of brokers.")
    var brokers: Int = 1

    /// Topics to create, as `NAME:PARTITIONS`; replaces the defaults when given.
    @Option(name: .customLong("topic"), help: "A topic to create, NAME:PARTITIONS (repeatable).")
    var topics: [String] = ["watchpost.events:8", "watchpost.events.dlq:1"]

    func validate() throws {
        guard brokers >= 1 else { throw ValidationError("--brokers must be at least 1") }
        _ = try parsedTopics()
    }

    func run() async throws {
        var logger = Logger(label: "watchpost.dev-broker") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = .warning
        let broker = try EmbeddedBroker(brokers: brokers, logger: logger)
        for (name, partitions) in try parsedTopics() {
            try broker.createTopic(name, partitions: partitions)
        }
        print("bootstrap=\(broker.bootstrapBrokers)")
        // Scripts wait for this line; stdout is a pipe there, so it is block-buffered.
        // (fflush(nil) flushes every stream without touching the global `stdout`.)
        fflush(nil)
        let signal = await Self.terminationSignal()
        logger.notice("stopping on signal \(signal)")
        withExtendedLifetime(broker) {}
    }

    private func parsedTopics() throws -> [(String, Int)] {
        try topics.map { spec in
            let parts = spec.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, let partitions = Int(parts[1]), partitions >= 1 else {
                throw ValidationError("--topic \(spec): expected NAME:PARTITIONS, e.g. watchpost.events:8")
            }
            return (String(parts[0]), partitions)
        }
    }

    /// Waits for SIGINT or SIGTERM and returns its number.
    private static func terminationSignal() async -> Int32 {
        let queue = DispatchQueue(label: "watchpost.dev-broker.signals")
        let resumed = Atomic<Bool>(false)
        var sources: [any DispatchSourceSignal] = []
        let received = await withCheckedContinuation { (continuation: CheckedContinuation<Int32, Never>) in
            for number in [SIGINT, SIGTERM] {
                // Ignore the default action so the dispatch source sees the signal.
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
                source.setEventHandler {
                    if !resumed.exchange(true, ordering: .relaxed) {
                        continuation.resume(returning: number)
                    }
                }
                source.resume()
                sources.append(source)
            }
        }
        sources.forEach { $0.cancel() }
        return received
    }
}
