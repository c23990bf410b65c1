import Logging

/// An idempotent Kafka producer: `send` returns once the broker stored the message (all
/// in-sync replicas acknowledged), or throws a ``KafkaError``.
///
/// A dedicated thread serves librdkafka's delivery reports. Call ``close(timeout:)`` to
/// deliver what is queued and stop; dropping the producer does the same in the background.
public final class KafkaProducer: Sendable {
    private let core: ProducerCore

    /// Creates a producer and starts its poll thread.
    /// - Throws: ``KafkaError`` with code `configuration` naming a rejected key.
    public init(
        configuration: KafkaProducerConfiguration,
        logger: Logger = Logger(label: "kafka.producer")
    ) throws {
        core = try ProducerCore(configuration: configuration, logger: logger)
        core.start()
    }

    deinit {
        core.stop(drain: .seconds(5))
    }

    /// The largest message this producer accepts (`message.max.bytes` as librdkafka applies it:
    /// key, value and headers together); a larger one fails with `messageTooLarge`.
    public var messageMaxBytes: Int {
        core.handle.configurationValue("message.max.bytes").flatMap(Int.init) ?? 1_000_000
    }

    /// Sends one message and waits for its delivery report.
    ///
    /// Fails with `messageTimedOut` when the message could not be delivered within the
    /// configured `messageTimeout` (e.g. the broker is down), with `queueFull` when the local
    /// queue is full, with `closed` after ``close(timeout:)``. Cancelling the task stops the
    /// wait, but a message already queued may still be delivered.
    public func send(_ message: KafkaProducerMessage) async throws -> KafkaDeliveryReport {
        let promise = DeliveryPromise()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                guard promise.install(continuation) else { return }
                core.produce(message, promise: promise)
            }
        } onCancel: {
            promise.cancel()
        }
    }

    /// Learns `topics`' partitions and leaders now, so that the first message to each goes out at
    /// once instead of waiting up to a second for topic discovery. For a producer that sends
    /// rarely but must send promptly when it does (escalations).
    /// - Throws: ``KafkaError`` if a broker could not be asked within `timeout` or refused a topic.
    public func learn(topics: [String], timeout: Duration = .seconds(10)) async throws {
        let handle = core.handle
        for topic in topics {
            try await core.runBlocking { try RdKafkaAdmin.learnTopic(handle, topic: topic, timeout: timeout) }
        }
    }

    /// Waits until every queued message is delivered or failed.
    /// - Throws: ``KafkaError`` (`unavailable`, retriable) if messages remain after `timeout`.
    public func flush(timeout: Duration) async throws {
        try await core.flush(timeout: timeout)
    }

    /// Refuses new sends, lets queued messages go out for up to `timeout`, fails the rest
    /// with `purged`, and stops the poll thread.
    public func close(timeout: Duration = .seconds(10)) async {
        core.stop(drain: timeout)
        await core.finished()
    }
}
