import Foundation
import Kafka
import Testing
import WatchpostCore
import WatchpostPipeline
import WatchpostTestSupport

/// `dlq replay` re-signs a refused event only on a check that still holds: the key it proved its
/// sender with must still be held, and a correction keeps its sender (issue 26, item 6). Nobody
/// else can replay a refused event: a copy without its replay mark is not routed (item 7).
@Suite("Dead-letter replay trusts no old check")
struct DeadLetterReplayTrustTests {
    /// A key the workers held when the event came, rotated out before the replay.
    static let oldKey = "old-1:an-older-key-rotated-out-since-0123456789abcdef"

    /// The school head acknowledges an incident nobody reported: a valid, signed event that
    /// routing refuses (`unknown_incident`).
    static func acknowledgementOfUnknownIncident() -> Event {
        Event(
            eventID: UUID(),
            incidentID: UUID(),
            occurredAt: Date(),
            source: EventSource(kind: .officer, id: "ht-thcs-binh-son"),
            unitID: "thcs-binh-son",
            payload: .acknowledged(IncidentAcknowledged(note: "Đã tiếp nhận"))
        )
    }

    /// Sends `event` signed with `keyring` and waits until the worker refuses it at routing;
    /// returns the message as sent, for a copy.
    @discardableResult
    static func sendRefusedAtRouting(
        _ event: Event,
        signedWith keyring: EventKeyring,
        _ broker: PipelineBroker,
        _ database: PipelineDatabase
    ) async throws -> KafkaProducerMessage {
        let producer = try broker.producer()
        defer { Task { await producer.close() } }
        let message = KafkaProducerMessage.event(
            topic: PipelineBroker.eventsTopic,
            incidentID: event.incidentID,
            value: EventEncoder().encode(event),
            signer: event.source,
            keyring: keyring
        )
        _ = try await producer.send(message)
        try await waitUntil("the acknowledgement is refused at routing", timeout: .seconds(180)) {
            try await database.count("SELECT count(*) FROM rejected_events WHERE stage = 'routing'") == 1
        }
        return message
    }

    /// `watchpost ARGUMENTS` with `WATCHPOST_EVENT_KEYS` set to `keys`.
    static func watchpost(_ arguments: [String], keys: String) async throws -> (status: Int32, output: String) {
        var environment = TestEventKeys.childEnvironment
        environment[EventKeyring.environmentVariable] = keys
        let run = try await ChildProcess.capture(PipelinePaths.binary().path, arguments, environment: environment)
        return (run.status, run.stdout + run.stderr)
    }

    @Test(
        "a row signed with a key revoked since is not replayed, by id or in bulk; while the key is held it is, signed",
        .timeLimit(.minutes(6))
    )
    func rowsSignedWithARevokedKeyAreNotReplayed() async throws {
        try await PipelineDatabase.with { database in
            let broker = try await PipelineBroker(partitions: 1)
            var settings = PipelineInProcessWorker.settings(broker: broker, database: database)
            settings.keyring = try EventKeyring(parsing: TestEventKeys.value + "," + Self.oldKey)
            try await PipelineInProcessWorker.with(1, settings: settings) { _ in
                let old = try EventKeyring(parsing: Self.oldKey)
                try await Self.sendRefusedAtRouting(
                    Self.acknowledgementOfUnknownIncident(),
                    signedWith: old,
                    broker,
                    database
                )
                #expect(try await database.count("SELECT count(*) FROM rejected_events WHERE key_id = 'old-1'") == 1)
                let id = try await database.count("SELECT id FROM rejected_events")
                let options = ["--brokers", broker.bootstrap, "--database-url", database.url, "--by", "operator"]

                let byID = try await Self.watchpost(
                    ["dlq", "replay", "--id", "\(id)"] + options,
                    keys: TestEventKeys.value
                )
                #expect(byID.status == 1, "\(byID.output)")
                #expect(byID.output.contains("signed with key `old-1`"), "\(byID.output)")
                let bulk = try await Self.watchpost(["dlq", "replay"] + options, keys: TestEventKeys.value)
                #expect(bulk.status == 1, "\(bulk.output)")
                #expect(bulk.output.contains("replayed 0 row(s)"), "\(bulk.output)")
                #expect(bulk.output.contains("not replayed: rejected event #\(id)"), "\(bulk.output)")
                #expect(try await database.count("SELECT count(*) FROM dead_letter_replays") == 0)

                let held = try await Self.watchpost(
                    ["dlq", "replay", "--id", "\(id)"] + options,
                    keys: TestEventKeys.value + "," + Self.oldKey
                )
                #expect(held.status == 0, "\(held.output)")
                // Signed again, so the worker refuses it at routing once more, not at auth.
                try await waitUntil("the replay is refused at routing again", timeout: .seconds(180)) {
                    try await database.count("SELECT count(*) FROM rejected_events WHERE stage = 'routing'") == 2
                }
                #expect(try await database.count("SELECT count(*) FROM rejected_events WHERE stage = 'auth'") == 0)
            }
        }
    }

    @Test("a corrected body that names another sender is refused and nothing is sent", .timeLimit(.minutes(6)))
    func aCorrectionKeepsTheSender() async throws {
        try await PipelineDatabase.with { database in
            let broker = try await PipelineBroker(partitions: 1)
            let settings = PipelineInProcessWorker.settings(broker: broker, database: database)
            try await PipelineInProcessWorker.with(1, settings: settings) { _ in
                let event = Self.acknowledgementOfUnknownIncident()
                try await Self.sendRefusedAtRouting(event, signedWith: TestEventKeys.keyring, broker, database)
                let id = try await database.count("SELECT id FROM rejected_events")
                var forged = event
                forged.source = EventSource(kind: .officer, id: "ct-ubnd-binh-son")
                let file = FileManager.default.temporaryDirectory.appendingPathComponent("forged-\(UUID()).json")
                try Data(EventEncoder().encode(forged)).write(to: file)
                defer { try? FileManager.default.removeItem(at: file) }
                let run = try await Self.watchpost(
                    [
                        "dlq", "replay", "--id", "\(id)", "--value-file", file.path, "--brokers", broker.bootstrap,
                        "--database-url", database.url, "--by", "operator",
                    ],
                    keys: TestEventKeys.value
                )
                #expect(run.status == 1, "\(run.output)")
                #expect(run.output.contains("a correction keeps the sender"), "\(run.output)")
                #expect(try await database.count("SELECT count(*) FROM dead_letter_replays") == 0)
            }
        }
    }

    @Test(
        "a refused signed event sent again by anyone, signature and all, is not routed; dlq replay routes it once",
        .timeLimit(.minutes(6))
    )
    func aCopyOfARefusedEventIsRecognisedAsAReplay() async throws {
        try await PipelineDatabase.with { database in
            let broker = try await PipelineBroker(partitions: 1)
            let settings = PipelineInProcessWorker.settings(broker: broker, database: database)
            try await PipelineInProcessWorker.with(1, settings: settings) { _ in
                let acknowledgement = Self.acknowledgementOfUnknownIncident()
                let incident = acknowledgement.incidentID
                let sent = try await Self.sendRefusedAtRouting(
                    acknowledgement,
                    signedWith: TestEventKeys.keyring,
                    broker,
                    database
                )
                let producer = try broker.producer()
                defer { Task { await producer.close() } }
                func report(_ path: String) -> KafkaProducerMessage {
                    let event = Event.toolReport(
                        eventID: UUID(),
                        incidentID: incident,
                        occurredAt: Date(),
                        unit: "thcs-binh-son",
                        url: "https://www.facebook.com/groups/987/posts/\(path)",
                        summary: "Bài đăng sai sự thật về học sinh"
                    )
                    return KafkaProducerMessage(
                        topic: PipelineBroker.eventsTopic,
                        key: Array(incident.canonicalString.utf8),
                        value: EventEncoder().encode(event)
                    )
                }
                // Now the acknowledgement would apply; the copy, and then a later report on the
                // same partition, which is stored only after the copy was handled.
                _ = try await producer.send(report("1"))
                _ = try await producer.send(sent)
                let later = report("2")
                _ = try await producer.send(later)
                try await waitUntil("the later report is stored", timeout: .seconds(180)) {
                    try await database.count("SELECT count(*) FROM incident_evidence WHERE incident_id = '\(incident)'")
                        == 2
                }
                let status = "SELECT count(*) FROM incidents WHERE id = '\(incident)' AND status = 'reported'"
                #expect(try await database.count(status) == 1, "the copy acknowledged nothing")
                #expect(
                    try await database.count(
                        "SELECT count(*) FROM events WHERE event_id = '\(acknowledgement.eventID)' AND outcome = 'rejected'"
                    ) == 1
                )
                #expect(try await database.count("SELECT count(*) FROM rejected_events") == 1, "no new refusal row")

                let id = try await database.count("SELECT id FROM rejected_events")
                let replay = try await Self.watchpost(
                    [
                        "dlq", "replay", "--id", "\(id)", "--brokers", broker.bootstrap, "--database-url", database.url,
                        "--by", "operator",
                    ],
                    keys: TestEventKeys.value
                )
                #expect(replay.status == 0, "\(replay.output)")
                try await waitUntil("the replay acknowledges the incident", timeout: .seconds(180)) {
                    try await database.count(
                        "SELECT count(*) FROM incidents WHERE id = '\(incident)' AND status = 'acknowledged'"
                    ) == 1
                }
                #expect(
                    try await database.count(
                        "SELECT count(*) FROM events WHERE event_id = '\(acknowledgement.eventID)' AND outcome = 'applied'"
                    ) == 1
                )
            }
        }
    }
}
