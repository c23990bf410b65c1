import Foundation
import Kafka
import Postgres
import Testing
import WatchpostTestSupport
import WatchpostCore
import WatchpostPipeline

/// No input can stop the pipeline through its dead letter (issue 8, decision D15): a rejection
/// report of thousands of problems and a very large key are dead-lettered with bounded headers
/// and key, and a dead-letter topic that refuses a letter for good leaves the input in
/// `rejected_events`, the outbox row marked failed, and the worker running.
@Suite("Pipeline dead-letter bounds and refusals", .serialized)
struct PipelineDeadLetterBoundsTests {
    /// An object of `members` unknown members (`"u0":0,"u1":0,…`): under the 64 KiB event limit,
    /// but the decoder reports one problem per member.
    static func manyUnknownMembers(_ members: Int) -> [UInt8] {
        var text = "{\"schema_version\":1"
        for number in 0..<members { text += ",\"u\(number)\":0" }
        return Array((text + "}").utf8)
    }

    /// A key of `size` bytes that starts with `prefix`.
    static func largeKey(_ size: Int, prefix: String) -> [UInt8] {
        let head = Array(prefix.utf8)
        return head + (0..<(size - head.count)).map { UInt8(ascii: "a") + UInt8($0 % 26) }
    }

    @Test(
        "a rejection report of thousands of problems and a 600 KB key are dead-lettered within message.max.bytes; the worker process stays up and stores the events after them",
        .timeLimit(.minutes(5))
    )
    func hugeRejectionReportAndHugeKeyAreDeadLetteredWithinTheLimitAndTheWorkerGoesOn() async throws {
        try await PipelineDatabase.with { database in
            let broker = try await PipelineBroker(partitions: 2)
            let (directory, _) = try PipelineScenario.shippedConfiguration()
            let logs = try GoodReports.logFolder("dead-letter-bounds")
            defer { try? FileManager.default.removeItem(at: logs) }
            let worker = try PipelineWorkerProcess(
                name: "bounds",
                brokers: broker.bootstrap,
                databaseURL: database.url,
                logFolder: logs
            )

            let manyProblems = Self.manyUnknownMembers(6_000)
            try #require(manyProblems.count < EventLimits.maximumInputBytes, "the input is under the event limit")
            let hugeKey = Self.largeKey(600_000, prefix: "huge-key-")
            let producer = try broker.producer()
            // The worker's producer has librdkafka's default message.max.bytes, as this one.
            let messageMaxBytes = producer.messageMaxBytes
            let problemsReport = try await producer.send(
                KafkaProducerMessage(
                    topic: PipelineBroker.eventsTopic,
                    key: Array("many-problems".utf8),
                    value: manyProblems,
                    partition: 0
                )
            )
            let keyReport = try await producer.send(
                KafkaProducerMessage(
                    topic: PipelineBroker.eventsTopic,
                    key: hugeKey,
                    value: Array("{not json".utf8),
                    partition: 0
                )
            )
            // The good events come after the bad ones on the same partition (and on the other).
            let good = GoodReports.events(40, tag: "bounds", directory: directory)
            try await PipelineBroker.send(
                good.enumerated().map { index, event in
                    GoodReports.message(event, partition: Int32(index % 2))
                },
                with: producer
            )
            await producer.close()

            try await waitUntil("the good events and both rejections are stored", timeout: .seconds(2 * 60)) {
                let events = try await database.count("SELECT count(*) FROM events")
                let rejected = try await database.count("SELECT count(*) FROM rejected_events")
                return events >= Int64(good.count) && rejected >= 2
            }
            let letters = try await broker.deadLetters(expected: 2, timeout: .seconds(60))
            try await waitUntil("the outbox is empty", timeout: .seconds(60)) {
                try await database.count("SELECT count(*) FROM outbox") == 0
            }

            #expect(worker.isRunning, "the worker kept running:\n\(worker.logTail())")
            #expect(try await database.count("SELECT count(*) FROM events") == Int64(good.count))
            #expect(
                try await database.count("SELECT count(*) FROM rejected_events WHERE stage = 'decode'") == 2
            )
            #expect(try await database.count("SELECT count(*) FROM rejected_events") == 2)
            #expect(try await database.count("SELECT count(*) FROM outbox") == 0)
            let storedProblems = try await database.scalar(
                """
                SELECT jsonb_array_length(problems)::bigint FROM rejected_events
                WHERE "partition" = 0 AND "offset" = \(problemsReport.offset)
                """
            )
            #expect(storedProblems >= 6_000, "rejected_events keeps every problem")
            let storedKeyLength = try await database.scalar(
                """
                SELECT octet_length(key)::bigint FROM rejected_events
                WHERE "partition" = 0 AND "offset" = \(keyReport.offset)
                """
            )
            #expect(storedKeyLength == Int64(hugeKey.count), "rejected_events keeps the whole key")

            let fromPartitionZero = letters.filter { PipelineBroker.header("source-partition", $0) == "0" }
            let problemsLetter = try #require(
                fromPartitionZero.first { PipelineBroker.header("source-offset", $0) == "\(problemsReport.offset)" },
                "a dead letter for the input with thousands of problems"
            )
            let keyLetter = try #require(
                fromPartitionZero.first { PipelineBroker.header("source-offset", $0) == "\(keyReport.offset)" },
                "a dead letter for the input with the 600 KB key"
            )

            for letter in [problemsLetter, keyLetter] {
                #expect(PipelineBroker.header("stage", letter) == "decode")
                #expect(!PipelineBroker.header("reason", letter).isEmpty)
                let headerBytes = letter.headers.reduce(0) { $0 + $1.key.utf8.count + ($1.value?.count ?? 0) }
                let size = headerBytes + (letter.key?.count ?? 0) + letter.value.count
                #expect(
                    size < messageMaxBytes,
                    "a dead letter of \(size) bytes against message.max.bytes \(messageMaxBytes)"
                )
                for header in letter.headers {
                    #expect(
                        (header.value?.count ?? 0) < messageMaxBytes / 8,
                        "header \(header.key) takes \(header.value?.count ?? 0) bytes"
                    )
                }
            }

            // The first problems, and how many there were in all.
            let problemsHeader = PipelineBroker.header("problems", problemsLetter)
            let listed = try #require(
                try JSONSerialization.jsonObject(with: Data(problemsHeader.utf8)) as? [[String: String]],
                "the problems header is a JSON array of objects"
            )
            let total = try #require(Int(PipelineBroker.header("problems-total", problemsLetter)))
            #expect(Int64(total) == storedProblems)
            #expect(!listed.isEmpty && listed.count < total, "\(listed.count) of \(total) problems in the header")
            // They are the first problems of the report, in order.
            let firstStored = try await database.scalar(
                """
                SELECT string_agg((p ->> 'code') || ' ' || (p ->> 'path'), E'\\n' ORDER BY n)
                FROM rejected_events, jsonb_array_elements(problems) WITH ORDINALITY AS t(p, n)
                WHERE "partition" = 0 AND "offset" = \(problemsReport.offset) AND n <= \(Int64(listed.count))
                """,
                as: String.self
            )
            let inHeader = listed.map { "\($0["code"] ?? "?") \($0["path"] ?? "?")" }.joined(separator: "\n")
            #expect(inHeader == firstStored)
            #expect(listed.contains { $0["code"] == "unknown_field" })
            #expect(problemsLetter.key == Array("many-problems".utf8))
            #expect(problemsLetter.value == manyProblems, "the value fits and is kept")

            // The key: a prefix of the original and its SHA-256.
            let keyDigest = try await database.scalar(
                """
                SELECT encode(sha256(key), 'hex') FROM rejected_events
                WHERE "partition" = 0 AND "offset" = \(keyReport.offset)
                """,
                as: String.self
            )
            let cutKey = try #require(keyLetter.key)
            let suffix = "~sha256:\(keyDigest)"
            #expect(cutKey.count < hugeKey.count && cutKey.count <= messageMaxBytes / 64)
            #expect(String(decoding: cutKey, as: UTF8.self).hasSuffix(suffix), "the cut key ends with \(suffix)")
            #expect(
                Array(cutKey.prefix(cutKey.count - suffix.utf8.count))
                    == Array(hugeKey.prefix(cutKey.count - suffix.utf8.count))
            )
            #expect(PipelineBroker.header("key-sha256", keyLetter) == keyDigest)
            #expect(PipelineBroker.header("key-sha256", problemsLetter).isEmpty, "a short key is kept whole")

            #expect(try await worker.terminate() == 0, "SIGTERM exits 0:\n\(worker.logTail())")
        }
    }

    @Test(
        "a dead-letter topic that refuses for good (not authorised) leaves the worker process running, the input in rejected_events and the outbox row marked failed",
        .timeLimit(.minutes(5))
    )
    func deadLetterTopicNotAuthorisedLeavesTheWorkerRunningAndTheInputRecorded() async throws {
        try await PipelineDatabase.with { database in
            let broker = try await PipelineBroker(partitions: 1)
            let (directory, _) = try PipelineScenario.shippedConfiguration()
            let logs = try GoodReports.logFolder("dead-letter-refused")
            defer { try? FileManager.default.removeItem(at: logs) }

            let producer = try broker.producer()
            let bad = try await producer.send(
                KafkaProducerMessage(topic: PipelineBroker.eventsTopic, key: "bad", value: "{not json")
            )
            // From now on every Produce request is refused: the only one before the errors are
            // cleared is the worker's dead letter (reports need no Produce, escalations are none).
            broker.broker.injectRequestErrors(
                api: .produce,
                errorCodes: Array(repeating: GoodReports.topicAuthorizationFailed, count: 50)
            )
            let worker = try PipelineWorkerProcess(
                name: "refused",
                brokers: broker.bootstrap,
                databaseURL: database.url,
                logFolder: logs
            )
            try await waitUntil("the refused dead letter is marked failed in the outbox", timeout: .seconds(2 * 60)) {
                try await database.count("SELECT count(*) FROM outbox WHERE failed_at IS NOT NULL") == 1
            }
            broker.broker.clearRequestErrors(api: .produce)

            let good = GoodReports.events(10, tag: "refused", directory: directory)
            try await PipelineBroker.send(good.map { GoodReports.message($0) }, with: producer)
            let later = try await producer.send(
                KafkaProducerMessage(topic: PipelineBroker.eventsTopic, key: "later", value: "{still not json")
            )
            await producer.close()
            try await waitUntil("the good events published after it are stored", timeout: .seconds(2 * 60)) {
                try await database.count("SELECT count(*) FROM events") >= Int64(good.count)
            }
            // A later invalid input is recorded too, and its dead letter does not stay pending
            // (librdkafka keeps the topic's authorisation error until its next metadata refresh,
            // so it may be refused as well).
            try await waitUntil(
                "the later invalid input is recorded and its dead letter settled",
                timeout: .seconds(60)
            ) {
                let rejected = try await database.count(
                    "SELECT count(*) FROM rejected_events WHERE \"offset\" = \(later.offset)"
                )
                let pending = try await database.count("SELECT count(*) FROM outbox WHERE failed_at IS NULL")
                return rejected == 1 && pending == 0
            }

            #expect(worker.isRunning, "the worker kept running:\n\(worker.logTail())")
            #expect(try await database.count("SELECT count(*) FROM events") == Int64(good.count))
            #expect(
                try await database.count(
                    "SELECT count(*) FROM rejected_events WHERE stage = 'decode' AND \"offset\" = \(bad.offset)"
                ) == 1
            )
            #expect(try await database.count("SELECT count(*) FROM rejected_events WHERE stage = 'decode'") == 2)
            #expect(try await database.count("SELECT count(*) FROM rejected_events") == 2)
            #expect(try await database.count("SELECT count(*) FROM outbox WHERE failed_at IS NULL") == 0)
            #expect(
                try await database.count(
                    """
                    SELECT count(*) FROM outbox o JOIN rejected_events r ON r.id = o.rejected_event_id
                    WHERE o.failed_at IS NOT NULL AND o.error ILIKE '%authori%' AND r."offset" = \(bad.offset)
                    """
                ) == 1
            )
            let log = (try? String(contentsOf: worker.logFile, encoding: .utf8)) ?? ""
            #expect(
                log.split(separator: "\n").contains { $0.contains("critical") && $0.contains("refused a dead letter") },
                "a critical log line names the refusal:\n\(worker.logTail())"
            )
            #expect(try await worker.terminate() == 0, "SIGTERM exits 0:\n\(worker.logTail())")
        }
    }

    @Test(
        "a dead letter refused as too large even without its value is marked failed and counted; the worker goes on",
        .timeLimit(.minutes(5))
    )
    func deadLetterTooLargeEvenWithoutItsValueIsMarkedFailedAndCounted() async throws {
        try await PipelineDatabase.with { database in
            let broker = try await PipelineBroker(partitions: 1)
            let (directory, _) = try PipelineScenario.shippedConfiguration()
            let producer = try broker.producer()
            let bad = try await producer.send(
                KafkaProducerMessage(topic: PipelineBroker.eventsTopic, key: "bad", value: "{not json")
            )
            // Both the dead letter and its retry without the value are refused as too large.
            broker.broker.injectRequestErrors(
                api: .produce,
                errorCodes: Array(repeating: GoodReports.messageTooLarge, count: 50)
            )
            let settings = PipelineInProcessWorker.settings(broker: broker, database: database)
            try await PipelineInProcessWorker.with(1, settings: settings) { workers in
                try await waitUntil("the refused dead letter is marked failed in the outbox", timeout: .seconds(2 * 60))
                {
                    try await database.count("SELECT count(*) FROM outbox WHERE failed_at IS NOT NULL") == 1
                }
                broker.broker.clearRequestErrors(api: .produce)
                let good = GoodReports.events(10, tag: "too-large", directory: directory)
                try await PipelineBroker.send(good.map { GoodReports.message($0) }, with: producer)
                let later = try await producer.send(
                    KafkaProducerMessage(topic: PipelineBroker.eventsTopic, key: "later", value: "{still not json")
                )
                await producer.close()
                try await waitUntil("the good events published after it are stored", timeout: .seconds(2 * 60)) {
                    try await database.count("SELECT count(*) FROM events") >= Int64(good.count)
                }
                // The worker's producer still works: a later invalid input is dead-lettered.
                let letters = try await broker.deadLetters(expected: 1, timeout: .seconds(60))
                #expect(letters.map { PipelineBroker.header("source-offset", $0) } == ["\(later.offset)"])
                try await waitUntil("only the refused dead letter is left in the outbox", timeout: .seconds(30)) {
                    try await database.count("SELECT count(*) FROM outbox WHERE failed_at IS NULL") == 0
                }
                #expect(try await database.count("SELECT count(*) FROM events") == Int64(good.count))
                #expect(
                    PipelineInProcessWorker.counter("watchpost_dead_letters_refused_total", in: workers) == 1
                )
                #expect(PipelineInProcessWorker.counter("watchpost_dead_letters_sent_total", in: workers) == 1)
            }
            #expect(
                try await database.count(
                    "SELECT count(*) FROM rejected_events WHERE stage = 'decode' AND \"offset\" = \(bad.offset)"
                ) == 1
            )
            #expect(try await database.count("SELECT count(*) FROM rejected_events") == 2)
            #expect(
                try await database.count(
                    """
                    SELECT count(*) FROM outbox o JOIN rejected_events r ON r.id = o.rejected_event_id
                    WHERE o.failed_at IS NOT NULL AND o.error ILIKE '%too large%' AND r."offset" = \(bad.offset)
                    """
                ) == 1
            )
            #expect(try await database.count("SELECT count(*) FROM outbox") == 1)
        }
    }
}

/// Valid reports of low-severity `other` incidents (one obligation each), as good traffic
/// around bad input.
enum GoodReports {
    /// Kafka protocol error TOPIC_AUTHORIZATION_FAILED.
    static let topicAuthorizationFailed: Int32 = 29
    /// Kafka protocol error MESSAGE_TOO_LARGE.
    static let messageTooLarge: Int32 = 10

    static func events(_ count: Int, tag: String, directory: Directory) -> [Event] {
        let schools = directory.schools
        return (0..<count).map { number in
            let school = schools[number % schools.count]
            let url = "https://www.facebook.com/good/\(tag)/\(number)"
            return Event.toolReport(
                eventID: UUID.v5(namespace: .watchpost, name: "good-report:\(tag):\(number)"),
                incidentID: UUID.v5(namespace: .watchpost, name: "good-incident:\(tag):\(number)"),
                occurredAt: Date().addingTimeInterval(-60),
                unit: school.id,
                url: url,
                summary: "Good report \(number)"
            )
        }
    }

    /// The message of `event`: key = incident id, value = canonical envelope, signed for its
    /// source with the tests' keys.
    static func message(_ event: Event, partition: Int32? = nil) -> KafkaProducerMessage {
        var message = KafkaProducerMessage.event(
            topic: PipelineBroker.eventsTopic,
            incidentID: event.incidentID,
            value: EventEncoder().encode(event),
            signer: event.source,
            keyring: TestEventKeys.keyring
        )
        message.partition = partition
        return message
    }

    /// A fresh folder for worker logs.
    static func logFolder(_ name: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("watchpost-\(name)-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}
