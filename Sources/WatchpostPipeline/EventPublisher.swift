import Kafka
import WatchpostCore

/// Publishes events Watchpost derives itself (escalations) onto the lifecycle topic, keyed by
/// incident id, and waits for every delivery report.
struct EventPublisher: Sendable {
    let producer: KafkaProducer
    let topic: String
    private let encoder = EventEncoder()

    init(producer: KafkaProducer, topic: String) {
        self.producer = producer
        self.topic = topic
    }

    /// Sends all `events` concurrently; throws the first failure.
    func publish(_ events: [Event]) async throws {
        guard !events.isEmpty else { return }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for event in events {
                let message = KafkaProducerMessage(
                    topic: topic,
                    key: Array(event.incidentID.canonicalString.utf8),
                    value: encoder.encode(event)
                )
                group.addTask { _ = try await producer.send(message) }
            }
            try await group.waitForAll()
        }
    }
}
