import Foundation
import Kafka
import Testing
import WatchpostTestSupport
import WatchpostCore

/// An operator corrects a rejected event and replays it: it is processed once, and the record
/// says who replayed it, when, and that the body was corrected.
@Suite("Dead-letter fix and replay")
struct DeadLetterFixAndReplayTests {
    @Test(.timeLimit(.minutes(8)))
    func aCorrectedEventReplayedIsProcessedOnceAndTheReplayIsRecorded() async throws {
        try await PipelineDatabase.with { database in
            let broker = try await PipelineBroker(partitions: 2)
            let settings = PipelineInProcessWorker.settings(broker: broker, database: database)
            try await PipelineInProcessWorker.with(1, settings: settings) { _ in
                let incident = UUID()
                let event = Event.toolReport(
                    eventID: UUID(),
                    incidentID: incident,
                    occurredAt: Date(),
                    unit: "thcs-binh-son",
                    url: "https://www.facebook.com/groups/987/posts/654",
                    summary: "Bài đăng sai sự thật về học sinh"
                )
                let fixed = String(decoding: EventEncoder().encode(event), as: UTF8.self)
                let broken = fixed.replacingOccurrences(of: "\"severity\":\"low\"", with: "\"severity\":\"urgent\"")
                #expect(broken != fixed)
                let key = incident.uuidString.lowercased()
                let producer = try broker.producer()
                defer { Task { await producer.close() } }
                _ = try await producer.send(
                    KafkaProducerMessage(topic: PipelineBroker.eventsTopic, key: key, value: broken)
                )
                try await waitUntil("the broken event is rejected", timeout: .seconds(180)) {
                    try await database.count("SELECT count(*) FROM rejected_events") == 1
                }
                let id = try await database.count("SELECT id FROM rejected_events")

                let file = FileManager.default.temporaryDirectory.appendingPathComponent("fixed-\(UUID()).json")
                try fixed.write(to: file, atomically: true, encoding: .utf8)
                defer { try? FileManager.default.removeItem(at: file) }
                let operatorName = "Nguyễn Văn An (vận hành)"
                let replay = [
                    "dlq", "replay", "--brokers", broker.bootstrap, "--database-url", database.url,
                    "--id", "\(id)", "--value-file", file.path, "--by", operatorName,
                ]
                let first = try await PipelineCommandTests.watchpost(replay)
                #expect(first.status == 0, "\(first.output)")
                #expect(first.output.contains("replayed #\(id)"), "\(first.output)")
                try await waitUntil("the corrected event is stored", timeout: .seconds(180)) {
                    try await database.count("SELECT count(*) FROM events WHERE event_id = '\(event.eventID)'") == 1
                }

                let refused = try await PipelineCommandTests.watchpost(replay)
                #expect(refused.status == 1, "\(refused.output)")
                #expect(refused.output.contains("was replayed at"), "\(refused.output)")

                let twice = try await PipelineCommandTests.watchpost(replay + ["--again"])
                #expect(twice.status == 0, "\(twice.output)")
                // A later event on the same key is stored after the second replay was processed.
                let sentinel = Event.toolReport(
                    eventID: UUID(),
                    incidentID: incident,
                    occurredAt: Date(),
                    unit: "thcs-binh-son",
                    url: "https://www.facebook.com/groups/987/posts/655",
                    summary: "Báo cáo tiếp theo"
                )
                _ = try await producer.send(
                    KafkaProducerMessage(
                        topic: PipelineBroker.eventsTopic,
                        key: Array(key.utf8),
                        value: EventEncoder().encode(sentinel)
                    )
                )
                try await waitUntil("the later event is stored", timeout: .seconds(180)) {
                    try await database.count("SELECT count(*) FROM events WHERE event_id = '\(sentinel.eventID)'") == 1
                }

                #expect(
                    try await database.count("SELECT count(*) FROM events WHERE event_id = '\(event.eventID)'") == 1
                )
                #expect(try await database.count("SELECT count(*) FROM incidents WHERE id = '\(incident)'") == 1)
                #expect(
                    try await database.count("SELECT count(*) FROM rejected_events") == 1,
                    "nothing new was rejected"
                )
                #expect(
                    try await database.count(
                        """
                        SELECT count(*) FROM dead_letter_replays
                        WHERE rejected_event_id = \(id) AND replayed_by = '\(operatorName)' AND edited
                          AND value_sha256 = sha256(convert_to('\(fixed)', 'UTF8'))
                        """
                    ) == 2
                )

                let shown = try await PipelineCommandTests.watchpost([
                    "dlq", "show", "\(id)", "--database-url", database.url,
                ])
                #expect(shown.status == 0, "\(shown.output)")
                #expect(shown.output.contains("stage: decode"), "\(shown.output)")
                #expect(shown.output.contains("problem: data.severity: "), "\(shown.output)")
                #expect(shown.output.contains("[unknown_value]"), "\(shown.output)")
                #expect(!shown.output.contains("StoredProblem("), "problems are written for people: \(shown.output)")
                #expect(shown.output.contains("+07:00"), "times are in Vietnam time: \(shown.output)")
                #expect(shown.output.contains("urgent"), "the stored body is shown as received: \(shown.output)")
                #expect(
                    shown.output.components(separatedBy: "by \(operatorName), corrected body").count == 3,
                    "\(shown.output)"
                )
            }
        }
    }

    @Test(.timeLimit(.minutes(6)))
    func aCorrectionThatIsStillInvalidIsRefusedAndNothingIsSent() async throws {
        try await PipelineDatabase.with { database in
            let broker = try await PipelineBroker(partitions: 1)
            let settings = PipelineInProcessWorker.settings(broker: broker, database: database)
            try await PipelineInProcessWorker.with(1, settings: settings) { _ in
                let producer = try broker.producer()
                defer { Task { await producer.close() } }
                _ = try await producer.send(
                    KafkaProducerMessage(topic: PipelineBroker.eventsTopic, key: "k", value: "{\"schema_version\": 1}")
                )
                try await waitUntil("the broken event is rejected", timeout: .seconds(180)) {
                    try await database.count("SELECT count(*) FROM rejected_events") == 1
                }
                let id = try await database.count("SELECT id FROM rejected_events")
                let file = FileManager.default.temporaryDirectory.appendingPathComponent("still-\(UUID()).json")
                try "{\"schema_version\": 1, \"event_type\": \"incident.reported\"}".write(
                    to: file,
                    atomically: true,
                    encoding: .utf8
                )
                defer { try? FileManager.default.removeItem(at: file) }
                let result = try await PipelineCommandTests.watchpost([
                    "dlq", "replay", "--brokers", broker.bootstrap, "--database-url", database.url,
                    "--id", "\(id)", "--value-file", file.path, "--by", "operator",
                ])
                #expect(result.status == 1, "\(result.output)")
                #expect(result.output.contains("still invalid"), "\(result.output)")
                #expect(result.output.contains("event_id"), "the problems name the fields: \(result.output)")
                #expect(try await database.count("SELECT count(*) FROM dead_letter_replays") == 0)
                #expect(try await database.count("SELECT count(*) FROM rejected_events WHERE replayed_at IS NULL") == 1)
            }
        }
    }

    @Test("dlq show writes the control characters of a rejected message as \\u{…}, never raw", .timeLimit(.minutes(6)))
    func showEscapesTerminalControlCharacters() async throws {
        try await PipelineDatabase.with { database in
            let broker = try await PipelineBroker(partitions: 1)
            let settings = PipelineInProcessWorker.settings(broker: broker, database: database)
            try await PipelineInProcessWorker.with(1, settings: settings) { _ in
                let producer = try broker.producer()
                defer { Task { await producer.close() } }
                // Clears the screen, then writes right to left: what a hostile sender would try.
                let hostile = "{\"schema_version\": 1, \"x\": \"\u{1B}[2J\u{1B}]0;owned\u{07}\u{202E}gnp.exe\u{85}\"}"
                _ = try await producer.send(
                    KafkaProducerMessage(topic: PipelineBroker.eventsTopic, key: "k\u{1B}[31m", value: hostile)
                )
                try await waitUntil("the hostile message is rejected", timeout: .seconds(180)) {
                    try await database.count("SELECT count(*) FROM rejected_events") == 1
                }
                let id = try await database.count("SELECT id FROM rejected_events")
                let shown = try await PipelineCommandTests.watchpost([
                    "dlq", "show", "\(id)", "--database-url", database.url,
                ])
                #expect(shown.status == 0, "\(shown.output)")
                for raw: Unicode.Scalar in ["\u{1B}", "\u{07}", "\u{202E}", "\u{85}"] {
                    #expect(!shown.output.unicodeScalars.contains(raw), "U+\(String(raw.value, radix: 16)) printed raw")
                }
                for written in ["\\u{1B}[2J", "\\u{7}", "\\u{202E}gnp.exe", "\\u{85}", "key: k\\u{1B}[31m"] {
                    #expect(shown.output.contains(written), "\(written) in \(shown.output)")
                }
            }
        }
    }
}
