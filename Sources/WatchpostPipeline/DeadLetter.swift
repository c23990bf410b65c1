import Foundation
import Kafka
import WatchpostCore

/// One input the worker could not apply, on its way to the dead-letter topic: the original
/// bytes and key, where they came from, and why they were refused.
public struct DeadLetter: Sendable, Hashable {
    /// Where an input was refused.
    public enum Stage: String, Sendable, CaseIterable {
        /// The bytes are not a valid envelope v1 (the decoder's problems).
        case decode
        /// A valid event the router rejected (unknown incident, not responsible, ...).
        case routing
        /// A valid event the database refused for good (isolated by bisecting its batch).
        case store
    }

    /// The topic the input was read from.
    public var topic: String
    /// Its partition.
    public var partition: Int32
    /// Its offset.
    public var offset: Int64
    /// The original message key.
    public var key: [UInt8]?
    /// The original message value.
    public var value: [UInt8]
    /// One line saying why, for the `reason` header and logs.
    public var reason: String
    /// Every problem, for the `problems` header.
    public var problems: [EventProblem]
    /// Where it was refused.
    public var stage: Stage

    /// Creates a dead letter.
    public init(
        topic: String,
        partition: Int32,
        offset: Int64,
        key: [UInt8]?,
        value: [UInt8],
        reason: String,
        problems: [EventProblem],
        stage: Stage
    ) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.key = key
        self.value = value
        self.reason = reason
        self.problems = problems
        self.stage = stage
    }

    /// The dead letter of a consumed message the decoder rejected.
    init(message: KafkaConsumerMessage, rejection: EventRejection) {
        self.init(
            topic: message.topic,
            partition: message.partition,
            offset: message.offset,
            key: message.key,
            value: message.value,
            reason: rejection.reason,
            problems: rejection.problems,
            stage: .decode
        )
    }

    /// The message for the dead-letter topic: the original key and value, and headers
    /// `reason`, `problems` (JSON array of `{path, code, reason}`), `stage`, `source-topic`,
    /// `source-partition` and `source-offset`.
    public func message(topic deadLetterTopic: String, includeValue: Bool = true) -> KafkaProducerMessage {
        var headers = [
            KafkaHeader(key: "reason", value: Self.oneLine(reason)),
            KafkaHeader(key: "problems", value: Self.problemsJSON(problems)),
            KafkaHeader(key: "stage", value: stage.rawValue),
            KafkaHeader(key: "source-topic", value: topic),
            KafkaHeader(key: "source-partition", value: String(partition)),
            KafkaHeader(key: "source-offset", value: String(offset)),
        ]
        if !includeValue {
            headers.append(KafkaHeader(key: "value-omitted", value: "too large for the dead-letter topic"))
        }
        return KafkaProducerMessage(
            topic: deadLetterTopic,
            key: key,
            value: includeValue ? value : [],
            headers: headers
        )
    }

    private struct ProblemJSON: Encodable {
        var path: String
        var code: String
        var reason: String
    }

    /// The problems as a compact JSON array with sorted keys.
    static func problemsJSON(_ problems: [EventProblem]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let items = problems.map { ProblemJSON(path: $0.path, code: $0.code.rawValue, reason: $0.reason) }
        guard let data = try? encoder.encode(items) else { return "[]" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Control characters become spaces so the header stays one line.
    static func oneLine(_ text: String) -> String {
        String(
            String.UnicodeScalarView(text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 })
        )
    }
}
