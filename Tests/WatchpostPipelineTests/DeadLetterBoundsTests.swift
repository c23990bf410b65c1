import Foundation
import Kafka
import Testing
import WatchpostStore

@testable import WatchpostPipeline

/// A dead letter's key and headers stay within bounds derived from `message.max.bytes`, whatever
/// the input, so its own size can never make the dead-letter topic refuse it.
@Suite("Dead-letter bounds")
struct DeadLetterBoundsUnitTests {
    static func rejection(key: [UInt8]?, raw: [UInt8], problems: Int, reason: String = "bad") -> StoredRejection {
        StoredRejection(
            id: 7,
            topic: "watchpost.events",
            partition: 3,
            offset: 42,
            key: key,
            raw: raw,
            stage: .decode,
            reason: reason,
            problems: (0..<problems).map {
                StoredProblem(path: "data.x\($0)", code: "unknown_field", reason: "is not a field of envelope v1")
            },
            eventID: nil,
            incidentID: nil,
            receivedAt: Date(),
            replayedAt: nil
        )
    }

    static func size(_ message: KafkaProducerMessage) -> Int {
        (message.key?.count ?? 0) + message.value.count
            + message.headers.reduce(0) { $0 + $1.key.utf8.count + ($1.value?.count ?? 0) }
    }

    static func header(_ name: String, _ message: KafkaProducerMessage) -> String? {
        message.headers.first { $0.key == name }?.value.map { String(decoding: $0, as: UTF8.self) }
    }

    @Test(
        "ten thousand problems keep the first ones that fit and say how many there were",
        arguments: [10_000, 1_000_000]
    )
    func manyProblemsAreCutToTheLimit(maxBytes: Int) throws {
        let limits = DeadLetterLimits(messageMaxBytes: maxBytes)
        let letter = DeadLetter(
            rejection: Self.rejection(
                key: Array("k".utf8),
                raw: Array(repeating: 0x41, count: 60_000),
                problems: 10_000
            ),
            limits: limits
        )
        let message = letter.message(topic: "watchpost.events.dlq")
        let problems = try #require(Self.header("problems", message))
        #expect(problems.utf8.count <= limits.problemsBytes)
        let decoded = try JSONSerialization.jsonObject(with: Data(problems.utf8)) as? [[String: String]]
        #expect((decoded?.count ?? 0) > 0 && (decoded?.count ?? 0) < 10_000)
        #expect(decoded?.first?["path"] == "data.x0", "the first problems are kept")
        #expect(Self.header("problems-total", message) == "10000")
        #expect(Self.size(message) + limits.overhead <= maxBytes)
        // The value is left out exactly when it does not fit beside the headers.
        #expect((Self.header("value-omitted", message) != nil) == message.value.isEmpty)
    }

    @Test("a key longer than the limit becomes its prefix and SHA-256; a short key is kept whole")
    func longKeyIsCutToPrefixAndDigest() throws {
        let limits = DeadLetterLimits(messageMaxBytes: 1_000_000)
        let long = Array(repeating: UInt8(ascii: "k"), count: 200_000)
        let message = DeadLetter(rejection: Self.rejection(key: long, raw: [1], problems: 1), limits: limits)
            .message(topic: "dlq")
        let key = String(decoding: try #require(message.key), as: UTF8.self)
        let digest = try #require(Self.header("key-sha256", message))
        #expect(message.key!.count <= limits.keyBytes)
        #expect(key.hasSuffix("~sha256:" + digest) && digest.count == 64)
        #expect(message.value == [1])

        let short = DeadLetter(
            rejection: Self.rejection(key: Array("incident-1".utf8), raw: [1], problems: 1),
            limits: limits
        )
        .message(topic: "dlq")
        #expect(short.key == Array("incident-1".utf8))
        #expect(Self.header("key-sha256", short) == nil)
    }

    @Test("a huge reason is cut at a character boundary and stays one line")
    func hugeReasonIsCut() throws {
        let limits = DeadLetterLimits(messageMaxBytes: 1_000_000)
        let reason = String(repeating: "Trường THCS Bình Sơn\n", count: 10_000)
        let message = DeadLetter(
            rejection: Self.rejection(key: nil, raw: [1], problems: 0, reason: reason),
            limits: limits
        )
        .message(topic: "dlq")
        let header = try #require(Self.header("reason", message))
        #expect(header.utf8.count <= limits.reasonBytes)
        #expect(header.hasPrefix("Trường THCS Bình Sơn ") && header.hasSuffix("…"))
        #expect(!header.contains("\n"))
    }

    @Test("sending without the value keeps every header and says why")
    func valueCanBeLeftOut() {
        let letter = DeadLetter(
            rejection: Self.rejection(key: nil, raw: Array(repeating: 1, count: 100), problems: 2),
            limits: DeadLetterLimits(messageMaxBytes: 1_000_000)
        )
        let whole = letter.message(topic: "dlq")
        let bare = letter.message(topic: "dlq", includeValue: false)
        #expect(whole.value.count == 100 && Self.header("value-omitted", whole) == nil)
        #expect(bare.value.isEmpty && Self.header("value-omitted", bare)?.contains("rejected_events id 7") == true)
        #expect(Self.header("source-offset", bare) == "42" && Self.header("rejected-id", bare) == "7")
    }
}
