import Foundation
import Testing
import WatchpostCore

/// One kind of bad input: how to spoil a valid envelope, and the problem the decoder must report.
struct BadEnvelope: Sendable, CustomTestStringConvertible {
    var name: String
    var path: String
    var code: EventProblem.Code
    var spoil: @Sendable (inout [String: Any]) -> Void

    var testDescription: String { name }

    static func data(
        _ name: String,
        _ path: String,
        _ code: EventProblem.Code,
        _ change: @escaping @Sendable (inout [String: Any]) -> Void
    ) -> BadEnvelope {
        BadEnvelope(name: name, path: path, code: code) { envelope in
            var data = envelope["data"] as? [String: Any] ?? [:]
            change(&data)
            envelope["data"] = data
        }
    }
}

@Suite struct EventDecoderRejectionTests {
    static let cases: [BadEnvelope] = [
        BadEnvelope(name: "unknown type", path: "type", code: .unknownValue) { $0["type"] = "incident.reportd" },
        BadEnvelope(name: "type in wrong case", path: "type", code: .unknownValue) { $0["type"] = "Incident.Reported" },
        .data("missing summary", "data.summary", .missing) { $0["summary"] = nil },
        .data("severity as a number", "data.severity", .wrongType) { $0["severity"] = 3 },
        .data("severity in upper case", "data.severity", .unknownValue) { $0["severity"] = "HIGH" },
        BadEnvelope(name: "bad event id", path: "event_id", code: .invalidUUID) { $0["event_id"] = "not-a-uuid" },
        BadEnvelope(name: "nil event id", path: "event_id", code: .invalidUUID) {
            $0["event_id"] = "00000000-0000-0000-0000-000000000000"
        },
        BadEnvelope(name: "braced incident id", path: "incident_id", code: .invalidUUID) {
            $0["incident_id"] = "{\(EventSamples.incidentID)}"
        },
        BadEnvelope(name: "time without offset", path: "occurred_at", code: .invalidTime) {
            $0["occurred_at"] = "2026-11-29T10:15:00"
        },
        BadEnvelope(name: "date only", path: "occurred_at", code: .invalidTime) { $0["occurred_at"] = "2026-11-29" },
        BadEnvelope(name: "impossible date", path: "occurred_at", code: .invalidTime) {
            $0["occurred_at"] = "2026-02-30T10:15:00Z"
        },
        BadEnvelope(name: "time as a number", path: "occurred_at", code: .wrongType) {
            $0["occurred_at"] = 1_764_386_100
        },
        .data("empty summary", "data.summary", .empty) { $0["summary"] = "  \n\t " },
        .data("oversized summary", "data.summary", .tooLong) { $0["summary"] = String(repeating: "a", count: 2_001) },
        .data("NUL in summary", "data.summary", .forbiddenCharacter) { $0["summary"] = "a\u{0}b" },
        .data("invalid second URL", "data.urls[1]", .invalidURL) {
            $0["urls"] = ["https://facebook.com/p/1", "ftp://example.com/x"]
        },
        .data("URL without host", "data.urls[0]", .invalidURL) { $0["urls"] = ["https:///path"] },
        .data("URL with a space", "data.urls[0]", .invalidURL) { $0["urls"] = ["https://example.com/a b"] },
        .data("relative URL", "data.urls[0]", .invalidURL) { $0["urls"] = ["/video/1"] },
        .data("URL with a quote and a combining mark", "data.urls[0]", .invalidURL) {
            $0["urls"] = ["https://example.com/a\"\u{0301}/referrerpolicy=unsafe-url>\u{0301}"]
        },
        .data("URL with an angle bracket and VS16", "data.urls[0]", .invalidURL) {
            $0["urls"] = ["https://example.com/<\u{FE0F}script"]
        },
        .data("URL with a single quote and ZWJ", "data.urls[0]", .invalidURL) {
            $0["urls"] = ["https://example.com/a'\u{200D}b"]
        },
        .data("URL with a right-to-left override", "data.urls[0]", .invalidURL) {
            $0["urls"] = ["https://example.com/\u{202E}4pm.exe"]
        },
        .data("oversized URL", "data.urls[0]", .tooLong) {
            $0["urls"] = ["https://e.com/" + String(repeating: "x", count: 2_048)]
        },
        .data("no URLs", "data.urls", .empty) { $0["urls"] = [String]() },
        .data("eleven URLs", "data.urls", .tooLong) { $0["urls"] = (0...10).map { "https://e.com/\($0)" } },
        .data("unknown subject role", "data.subjects[0]", .unknownValue) { $0["subjects"] = ["parent"] },
        .data("oversized dedup key", "data.dedup_key", .tooLong) {
            $0["dedup_key"] = String(repeating: "k", count: 513)
        },
        BadEnvelope(name: "unknown unit", path: "unit_id", code: .unknownUnit) { $0["unit_id"] = "thcs-nowhere" },
        BadEnvelope(name: "oversized source id", path: "source.id", code: .tooLong) {
            $0["source"] = ["kind": "tool", "id": String(repeating: "s", count: 129)]
        },
        BadEnvelope(name: "unknown source kind", path: "source.kind", code: .unknownValue) {
            $0["source"] = ["kind": "robot", "id": "x"]
        },
        .data("typo in a data field", "data.sumary", .unknownField) { $0["sumary"] = $0["summary"] },
        .data("a personal name", "data.student_name", .unknownField) { $0["student_name"] = "Nguyễn Văn A" },
        BadEnvelope(name: "unknown envelope field", path: "priority", code: .unknownField) { $0["priority"] = "high" },
        BadEnvelope(name: "schema version as a string", path: "schema_version", code: .wrongType) {
            $0["schema_version"] = "1"
        },
        BadEnvelope(name: "schema version 2", path: "schema_version", code: .unsupportedVersion) {
            $0["schema_version"] = 2
        },
        BadEnvelope(name: "data as an array", path: "data", code: .wrongType) { $0["data"] = [1] },
        BadEnvelope(name: "missing source", path: "source", code: .missing) { $0["source"] = nil },
        BadEnvelope(name: "escalation level as a boolean", path: "data.level", code: .wrongType) {
            $0["type"] = "incident.escalated"
            $0["data"] = ["level": true, "reason": "manual"]
        },
        BadEnvelope(name: "escalation level zero", path: "data.level", code: .outOfRange) {
            $0["type"] = "incident.escalated"
            $0["data"] = ["level": 0, "reason": "manual"]
        },
        BadEnvelope(name: "escalation level as a fraction", path: "data.level", code: .wrongType) {
            $0["type"] = "incident.escalated"
            $0["data"] = ["level": 1.5, "reason": "manual"]
        },
        BadEnvelope(name: "empty update", path: "data", code: .missing) {
            $0["type"] = "incident.updated"
            $0["data"] = [String: Any]()
        },
        BadEnvelope(name: "reopen without reason", path: "data.reason", code: .missing) {
            $0["type"] = "incident.reopened"
            $0["data"] = [String: Any]()
        },
        BadEnvelope(name: "reopen reason too long", path: "data.reason", code: .tooLong) {
            $0["type"] = "incident.reopened"
            $0["data"] = ["reason": String(repeating: "r", count: 501)]
        },
        BadEnvelope(name: "acknowledgement with a report field", path: "data.summary", code: .unknownField) {
            $0["type"] = "incident.acknowledged"
            $0["data"] = ["summary": "seen"]
        },
        BadEnvelope(name: "null note", path: "data.note", code: .wrongType) {
            $0["type"] = "incident.resolved"
            $0["data"] = ["note": NSNull()]
        },
    ]

    @Test(arguments: cases)
    func badEnvelopeIsRejectedAtItsField(_ bad: BadEnvelope) throws {
        var envelope = EventSamples.envelope()
        bad.spoil(&envelope)
        let rejection = try #require(EventSamples.decode(envelope).rejection)
        #expect(rejection.problems.count == 1, "\(rejection)")
        let problem = try #require(rejection.problems.first)
        #expect(problem.path == bad.path)
        #expect(problem.code == bad.code)
        #expect(!problem.reason.isEmpty)
    }

    @Test func everyProblemIsListedAtOnce() throws {
        var envelope = EventSamples.envelope()
        envelope["event_id"] = "nope"
        envelope["unit_id"] = "thcs-nowhere"
        envelope["data"] = [
            "platform": "myspace", "urls": ["https://ok.example/1", "javascript:alert(1)"],
            "category": "school_violence",
            "severity": "high", "subjects": [], "sumary": "typo",
        ]
        let rejection = try #require(EventSamples.decode(envelope).rejection)
        let found = Set(rejection.problems.map { "\($0.path) \($0.code.rawValue)" })
        #expect(
            found == [
                "event_id invalid_uuid", "unit_id unknown_unit", "data.platform unknown_value",
                "data.urls[1] invalid_url",
                "data.summary missing", "data.sumary unknown_field",
            ]
        )
        #expect(rejection.reason.hasPrefix("6 problems: "))
        #expect(!rejection.reason.contains("\n"))
        #expect(rejection.description.split(separator: "\n").count == 7)
        #expect(rejection.problems.first { $0.path == "data.sumary" }?.reason.contains("did you mean summary?") == true)
    }

    @Test func invalidUTF8IsRejected() throws {
        var bytes = EventSamples.bytes(EventSamples.envelope())
        bytes.insert(0xC3, at: bytes.count - 2)
        let rejection = try #require(EventSamples.decoder.decode(bytes).rejection)
        #expect(rejection.codes == [.invalidUTF8])
        #expect(rejection.problems.first?.path == "")
    }

    @Test(arguments: [
        "", "null", "[1,2]", "\"text\"", "{", "{\"a\":1,}", "{'a':1}", "{\"a\":01}", "{} {}", "{\"a\":\"\\ud800\"}",
    ])
    func nonObjectJSONIsRejected(_ text: String) throws {
        let rejection = try #require(EventSamples.decode(text: text).rejection)
        #expect(rejection.codes == [.notJSON])
    }

    @Test func inputOverSixtyFourKibibytesIsRejectedBeforeParsing() throws {
        let bytes = [UInt8](repeating: UInt8(ascii: "{"), count: 65_537)
        let rejection = try #require(EventSamples.decoder.decode(bytes).rejection)
        #expect(rejection.codes == [.tooLarge])
    }

    @Test func deeplyNestedJSONIsRejectedWithoutRecursingDeeply() throws {
        let text = "{\"data\":" + String(repeating: "[", count: 30_000) + String(repeating: "]", count: 30_000) + "}"
        let rejection = try #require(EventSamples.decode(text: text).rejection)
        #expect(rejection.codes == [.tooDeep])
    }

    @Test func duplicateMemberIsRejected() throws {
        var text = String(decoding: EventSamples.bytes(EventSamples.envelope()), as: UTF8.self)
        text.removeLast()
        text += ",\"unit_id\":\"th-binh-chau\"}"
        let rejection = try #require(EventSamples.decode(text: text).rejection)
        #expect(rejection.problems.map(\.path) == ["unit_id"])
        #expect(rejection.codes == [.duplicateField])
    }

    @Test func timeFarInTheFutureIsRejectedOnlyWhenNowIsGiven() throws {
        var envelope = EventSamples.envelope()
        envelope["occurred_at"] = "2026-12-01T10:15:01+07:00"
        let now = try #require(RFC3339.parse("2026-11-30T03:15:00Z").value)
        let rejection = try #require(EventSamples.decode(envelope, now: now).rejection)
        #expect(rejection.problems.map(\.path) == ["occurred_at"])
        #expect(rejection.codes == [.invalidTime])
        envelope["occurred_at"] = "2026-12-01T10:14:59+07:00"
        #expect(EventSamples.decode(envelope, now: now).value != nil)
        envelope["occurred_at"] = "2026-12-01T10:15:01+07:00"
        #expect(EventSamples.decode(envelope).value != nil)
    }

    @Test func timeLongBeforeReceiptIsRejectedOnlyWithAPastBound() throws {
        var envelope = EventSamples.envelope()
        let now = try #require(RFC3339.parse("2026-11-30T03:15:00Z").value)
        var decoder = EventSamples.decoder
        decoder.pastTolerance = EventLimits.maximumAgeAtIntake
        envelope["occurred_at"] = "2026-11-23T10:14:59+07:00"
        let rejection = try #require(decoder.decode(EventSamples.bytes(envelope), now: now).rejection)
        #expect(rejection.problems.map(\.path) == ["occurred_at"])
        #expect(rejection.codes == [.invalidTime])
        #expect(rejection.reason.contains("7 days before"))
        envelope["occurred_at"] = "2026-11-23T10:15:01+07:00"
        #expect(decoder.decode(EventSamples.bytes(envelope), now: now).value != nil)
        // The workers' decoder has no past bound: an event may wait in Kafka through an outage.
        envelope["occurred_at"] = "2025-01-01T00:00:00+07:00"
        #expect(EventSamples.decode(envelope, now: now).value != nil)
    }

    @Test func reasonHeaderStaysShortWhateverTheInput() throws {
        var data = EventSamples.reportedData
        for index in 0..<200 { data["unknown_field_\(index)_" + String(repeating: "x", count: 40)] = 1 }
        let rejection = try #require(EventSamples.decode(EventSamples.envelope(data: data)).rejection)
        #expect(rejection.problems.count == 200)
        #expect(rejection.reason.count <= EventRejection.maximumReasonLength)
        #expect(rejection.reason.hasSuffix("more"))
    }

    @Test func hostileKeyCannotForgeAFieldPath() throws {
        var data = EventSamples.reportedData
        data["summary\"].x\n"] = 1
        let rejection = try #require(EventSamples.decode(EventSamples.envelope(data: data)).rejection)
        let path = try #require(rejection.problems.first?.path)
        #expect(path.hasPrefix("data[\"summary\\\"].x"))
        #expect(!rejection.description.contains("x\n"))
    }
}
