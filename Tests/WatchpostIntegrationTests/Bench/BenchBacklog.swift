import Foundation
import Kafka
import WatchpostCore
import WatchpostPipeline

/// The benchmark's input, in the documented envelope: incident lifecycles across the sample
/// directory's schools (reports on Facebook, TikTok and Zalo with Vietnamese text, updates,
/// acknowledgements, actions, resolutions), about 1 % of messages sent twice as a retrying
/// producer does, and about 0.5 % invalid messages that must be refused and dead-lettered.
struct BenchBacklog {
    /// Every message, in publishing order; each incident's events stay in lifecycle order.
    let messages: [KafkaProducerMessage]
    /// Distinct valid events: the rows `events` must end with.
    let events: Int
    /// Messages that repeat the message before them.
    let duplicates: Int
    /// Messages the decoder refuses.
    let invalid: Int

    init(count: Int, seed: UInt64, directory: Directory, policy: Policy) {
        let invalid = max(1, count / 200)
        let duplicates = max(1, count / 100)
        let scenario = PipelineScenario(
            count: count - invalid - duplicates,
            seed: seed,
            directory: directory,
            policy: policy,
            vietnamese: true
        )
        let valid = scenario.messages()
        var random = PipelineRandom(state: seed ^ 0xBE4C_0FF5)
        let repeated = Set((0..<duplicates).map { _ in Int.random(in: 0..<valid.count, using: &random) })
        let refused = Set((0..<invalid).map { _ in Int.random(in: 0..<valid.count, using: &random) })
        var messages: [KafkaProducerMessage] = []
        messages.reserveCapacity(count)
        for (index, message) in valid.enumerated() {
            messages.append(message)
            // A repeat right after its original keeps the incident's order.
            if repeated.contains(index) { messages.append(message) }
            if refused.contains(index) {
                messages.append(Self.invalid(number: index, like: scenario.events[index], topic: message.topic))
            }
        }
        // Random picks can collide; top up with repeats so the backlog has exactly `count` messages.
        var extra = valid.count - 1
        while messages.count < count {
            messages.append(valid[extra])
            extra -= 1
        }
        self.messages = messages
        self.events = valid.count
        self.invalid = refused.count
        self.duplicates = count - valid.count - refused.count
    }

    /// An invalid message: either a report whose `event_id` is not a UUID, or a body cut short.
    static func invalid(number: Int, like event: Event, topic: String) -> KafkaProducerMessage {
        let text = String(decoding: EventEncoder().encode(event), as: UTF8.self)
        let broken =
            number.isMultiple(of: 2)
            ? text.replacingOccurrences(of: event.eventID.canonicalString, with: "khong-phai-uuid-\(number)")
            : String(text.prefix(text.count / 2))
        return KafkaProducerMessage(
            topic: topic,
            key: Array("invalid-\(number)".utf8),
            value: Array(broken.utf8)
        )
    }
}
