import Foundation
import Kafka
import Testing
import WatchpostTestSupport
import WatchpostCore
import WatchpostPipeline

/// Invalid input goes to the dead-letter topic and `rejected_events`, with its reason, and never
/// holds up the valid events around it.
@Suite("Pipeline dead letters")
struct PipelineDeadLetterTests {
    /// The kinds of bad input, each with the problem code the decoder must give it.
    enum BadInput: CaseIterable {
        case malformedJSON, oversized, wrongSchema, unknownUnit, invalidUTF8

        var code: String {
            switch self {
            case .malformedJSON: "not_json"
            case .oversized: "too_large"
            case .wrongSchema: "unknown_field"
            case .unknownUnit: "unknown_unit"
            case .invalidUTF8: "invalid_utf8"
            }
        }

        func value(_ number: Int, template: Event) -> [UInt8] {
            let encoder = EventEncoder()
            switch self {
            case .malformedJSON:
                return Array("{\"schema_version\": 1, \"event_id\": \"\(number)\"".utf8)
            case .oversized:
                return Array("{\"padding\": \"\(String(repeating: "x", count: 70_000))\"}".utf8)
            case .wrongSchema:
                var text = String(decoding: encoder.encode(template), as: UTF8.self)
                text.insert(contentsOf: "\"sumary\":\"typo \(number)\",", at: text.index(after: text.startIndex))
                return Array(text.utf8)
            case .unknownUnit:
                var event = template
                event.eventID = UUID.v5(namespace: .watchpost, name: "unknown-unit:\(number)")
                event.unitID = "no-such-school"
                return encoder.encode(event)
            case .invalidUTF8:
                return [0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D]
            }
        }
    }

    @Test(
        "malformed, oversized, wrong-schema, unknown-unit and invalid UTF-8 events are dead-lettered with their reason; good ones are stored",
        .timeLimit(.minutes(5))
    )
    func everyBadEventIsDeadLetteredAndEveryGoodOneStored() async throws {
        try await PipelineDatabase.with { database in
            let broker = try await PipelineBroker(partitions: 4)
            let (directory, policy) = try PipelineScenario.shippedConfiguration()
            let scenario = PipelineScenario(count: 400, seed: 5_005, directory: directory, policy: policy)
            let expected = scenario.expectation()
            var messages: [KafkaProducerMessage] = []
            var bad = 0
            var perKind: [String: Int64] = [:]
            for (index, message) in scenario.messages().enumerated() {
                messages.append(message)
                if index % 8 == 0 {
                    let kind = BadInput.allCases[bad % BadInput.allCases.count]
                    perKind[kind.code, default: 0] += 1
                    messages.append(
                        KafkaProducerMessage(
                            topic: PipelineBroker.eventsTopic,
                            key: Array("bad-\(bad)".utf8),
                            value: kind.value(bad, template: scenario.events[index])
                        )
                    )
                    bad += 1
                }
            }
            let settings = PipelineInProcessWorker.settings(broker: broker, database: database)
            try await PipelineInProcessWorker.with(1, settings: settings) { _ in
                let producer = try broker.producer()
                try await PipelineBroker.send(messages, with: producer)
                await producer.close()
                try await waitUntil("good events and rejections are stored", timeout: .seconds(2 * 60)) {
                    let events = try await database.count("SELECT count(*) FROM events")
                    let rejected = try await database.count(
                        "SELECT count(*) FROM rejected_events WHERE stage = 'decode'"
                    )
                    return events >= Int64(expected.events) && rejected >= Int64(bad)
                }
            }
            #expect(try await database.count("SELECT count(*) FROM events") == Int64(expected.events))
            #expect(try await database.count("SELECT count(*) FROM incidents") == Int64(expected.incidents))
            #expect(
                try await database.count("SELECT count(*) FROM rejected_events WHERE stage = 'decode'") == Int64(bad)
            )
            #expect(
                try await database.count("SELECT count(*) FROM rejected_events WHERE stage = 'decode' AND reason = ''")
                    == 0
            )
            for kind in BadInput.allCases {
                let rows = try await database.count(
                    """
                    SELECT count(*) FROM rejected_events
                    WHERE stage = 'decode' AND problems @> '[{"code": "\(kind.code)"}]'
                    """
                )
                #expect(rows == perKind[kind.code], "rows with problem code \(kind.code)")
            }

            let letters = try await broker.deadLetters(expected: bad + expected.routingRejected, timeout: .seconds(60))
            let decodeLetters = letters.filter { PipelineBroker.header("stage", $0) == "decode" }
            let sources = Set(
                decodeLetters.map {
                    PipelineBroker.header("source-partition", $0) + "@" + PipelineBroker.header("source-offset", $0)
                }
            )
            #expect(sources.count == bad)
            #expect(decodeLetters.allSatisfy { !PipelineBroker.header("reason", $0).isEmpty })
            #expect(decodeLetters.allSatisfy { PipelineBroker.header("problems", $0).hasPrefix("[{") })
            #expect(
                decodeLetters.allSatisfy { PipelineBroker.header("source-topic", $0) == PipelineBroker.eventsTopic }
            )
            let keys = Set(decodeLetters.compactMap { $0.key.map { String(decoding: $0, as: UTF8.self) } })
            #expect(keys == Set((0..<bad).map { "bad-\($0)" }), "dead letters keep the original key")
            let oversized = decodeLetters.filter { PipelineBroker.header("reason", $0).contains("limit") }
            #expect(oversized.allSatisfy { $0.value.count > 65_536 }, "dead letters keep the original value")
        }
    }
}
