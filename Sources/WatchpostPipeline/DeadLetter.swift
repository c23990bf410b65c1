import Crypto
import Foundation
import Kafka
import WatchpostStore

/// The dead-letter message of a recorded rejected input: the original key and value, and headers
/// saying where it came from and why it was refused.
///
/// Headers are bounded (``DeadLetterLimits``), so that no input, however large its rejection
/// report or its key, can make the message too large for the producer: the first problems are
/// kept with a count of the rest, a long key is cut to a prefix plus its SHA-256, and the value is
/// left out (it stays in `rejected_events`) when it does not fit beside them.
struct DeadLetter: Sendable {
    let rejection: StoredRejection
    let limits: DeadLetterLimits

    /// The message for `topic`. Headers: `reason`, `problems` (JSON array of
    /// `{path, code, reason}`), `problems-total`, `stage`, `source-topic`, `source-partition`,
    /// `source-offset`, `rejected-id`, and when they apply `event-id`, `key-sha256` (the key was
    /// cut) and `value-omitted`.
    func message(topic: String, includeValue: Bool = true) -> KafkaProducerMessage {
        let key = boundedKey()
        var headers = [
            KafkaHeader(key: "reason", value: Self.oneLine(rejection.reason).truncated(toUTF8: limits.reasonBytes)),
            KafkaHeader(key: "problems", value: boundedProblems()),
            KafkaHeader(key: "problems-total", value: String(rejection.problems.count)),
            KafkaHeader(key: "stage", value: rejection.stage.rawValue),
            KafkaHeader(key: "source-topic", value: rejection.topic.truncated(toUTF8: 256)),
            KafkaHeader(key: "source-partition", value: String(rejection.partition)),
            KafkaHeader(key: "source-offset", value: String(rejection.offset)),
            KafkaHeader(key: "rejected-id", value: String(rejection.id)),
        ]
        if let eventID = rejection.eventID {
            headers.append(KafkaHeader(key: "event-id", value: eventID.uuidString.lowercased()))
        }
        if let original = rejection.key, key?.count != original.count {
            headers.append(KafkaHeader(key: "key-sha256", value: Self.hex(SHA256.hash(data: original))))
        }
        let used = (key?.count ?? 0) + headers.reduce(0) { $0 + $1.key.utf8.count + ($1.value?.count ?? 0) }
        let fits = used + rejection.raw.count + limits.overhead <= limits.messageMaxBytes
        if !includeValue || !fits {
            headers.append(
                KafkaHeader(
                    key: "value-omitted",
                    value: "\(rejection.raw.count) bytes, too large for the dead-letter topic; "
                        + "kept in rejected_events id \(rejection.id)"
                )
            )
        }
        return KafkaProducerMessage(
            topic: topic,
            key: key,
            value: includeValue && fits ? rejection.raw : [],
            headers: headers
        )
    }

    /// The key, or when longer than the limit its first bytes, `~sha256:` and the hex digest of
    /// the whole key: still distinct per key, and bounded.
    func boundedKey() -> [UInt8]? {
        guard let key = rejection.key, key.count > limits.keyBytes else { return rejection.key }
        let suffix = Array("~sha256:\(Self.hex(SHA256.hash(data: key)))".utf8)
        return Array(key.prefix(max(0, limits.keyBytes - suffix.count))) + suffix
    }

    /// The problems as a compact JSON array, each field cut to a readable length, holding as many
    /// of the first problems as fit in the limit (`problems-total` says how many there were).
    func boundedProblems() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var items: [String] = []
        var size = 2
        for problem in rejection.problems {
            let item = ProblemJSON(
                path: problem.path.truncated(toUTF8: limits.problemFieldBytes),
                code: problem.code.truncated(toUTF8: 64),
                reason: Self.oneLine(problem.reason).truncated(toUTF8: limits.problemFieldBytes)
            )
            guard let data = try? encoder.encode(item) else { continue }
            let text = String(decoding: data, as: UTF8.self)
            guard size + text.utf8.count + 1 <= limits.problemsBytes else { break }
            items.append(text)
            size += text.utf8.count + 1
        }
        return "[" + items.joined(separator: ",") + "]"
    }

    private struct ProblemJSON: Encodable {
        var path: String
        var code: String
        var reason: String
    }

    /// Control characters become spaces so the header stays one line.
    static func oneLine(_ text: String) -> String {
        String(
            String.UnicodeScalarView(text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 })
        )
    }

    private static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { String(format: "%02x", $0) }.joined()
    }
}

/// Size bounds of a dead letter's key and headers, derived from the producer's
/// `message.max.bytes` so that the headers always leave room under it.
struct DeadLetterLimits: Sendable, Hashable {
    /// The producer's `message.max.bytes`.
    let messageMaxBytes: Int

    /// The longest key kept whole: 1/64 of the limit, 96 B to 1 KiB.
    var keyBytes: Int { Self.clamp(messageMaxBytes / 64, 96...1024) }
    /// The longest `reason` header: 1/32 of the limit, 128 B to 2 KiB.
    var reasonBytes: Int { Self.clamp(messageMaxBytes / 32, 128...2048) }
    /// The longest `problems` header: 1/8 of the limit, 256 B to 16 KiB.
    var problemsBytes: Int { Self.clamp(messageMaxBytes / 8, 256...16_384) }
    /// The longest path or reason of one problem.
    var problemFieldBytes: Int { min(512, problemsBytes / 4) }
    /// Room left for librdkafka's framing of the message and its headers.
    var overhead: Int { 1024 }

    private static func clamp(_ value: Int, _ range: ClosedRange<Int>) -> Int {
        min(max(value, range.lowerBound), range.upperBound)
    }
}

extension String {
    /// The string cut at a character boundary so that its UTF-8 form, with the `…` it then ends
    /// with, takes at most `limit` bytes.
    func truncated(toUTF8 limit: Int) -> String {
        guard utf8.count > limit else { return self }
        var result = ""
        var size = 3
        for character in self {
            let length = character.utf8.count
            guard size + length <= limit else { break }
            result.append(character)
            size += length
        }
        return result + "…"
    }
}
