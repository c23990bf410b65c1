import Kafka
import Logging

/// Produces dead letters and waits for every delivery report, so a batch's offsets are never
/// committed before its invalid inputs are safely on the dead-letter topic.
struct DeadLetterPublisher: Sendable {
    let producer: KafkaProducer
    let topic: String
    let logger: Logger

    /// Sends all `letters` concurrently; throws the first failure (the caller retries the lot,
    /// and a letter sent twice is harmless: consumers of the topic key on `source-offset`).
    func publish(_ letters: [DeadLetter]) async throws {
        guard !letters.isEmpty else { return }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for letter in letters {
                group.addTask {
                    do {
                        _ = try await producer.send(letter.message(topic: topic))
                    } catch let error as KafkaError where error.code == .messageTooLarge {
                        // The original fitted the source topic but not with our headers: keep the
                        // headers, drop the value; rejected_events holds the bytes.
                        logger.warning(
                            "dead letter too large; sending it without its value",
                            metadata: ["source_offset": "\(letter.partition)@\(letter.offset)"]
                        )
                        _ = try await producer.send(letter.message(topic: topic, includeValue: false))
                    }
                }
            }
            try await group.waitForAll()
        }
    }
}
