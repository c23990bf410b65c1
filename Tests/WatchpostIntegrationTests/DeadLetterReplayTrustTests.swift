import Foundation
import Kafka
import Testing
import WatchpostCore
import WatchpostPipeline
import WatchpostTestSupport

/// `dlq replay` re-signs a refused event only on a check that still holds: the key it proved its
/// sender with must still be held, and a correction keeps its sender (issue 26, item 6).
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

    /// Sends `event` signed with `keyring` and waits until the worker refuses it at routing.
    static func sendRefusedAtRouting(
        _ event: Event,
        signedWith keyring: EventKeyring,
        _ broker: PipelineBroker,
        _ database: PipelineDatabase
    ) async throws {
        let producer = try broker.producer()
        defer { Task { await producer.close() } }
        let value = EventEncoder().encode(event)
        _ = try await producer.send(
            .event(
                topic: PipelineBroker.eventsTopic,
                incidentID: event.incidentID,
                value: value,
                signer: event.source,
                keyring: keyring
            )
        )
        try await waitUntil("the acknowledgement is refused at routing", timeout: .seconds(180)) {
            try await database.count("SELECT count(*) FROM rejected_events WHERE stage = 'routing'") == 1
        }
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
                try await Self.sendRefusedAtRouting(Self.acknowledgementOfUnknownIncident(), signedWith: old, broker, database)
                #expect(try await database.count("SELECT count(*) FROM rejected_events WHERE key_id = 'old-1'") == 1)
                let id = try await database.count("SELECT id FROM rejected_events")
                let options = ["--brokers", broker.bootstrap, "--database-url", database.url, "--by", "operator"]

                let byID = try await Self.watchpost(["dlq", "replay", "--id", "\(id)"] + options, keys: TestEventKeys.value)
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
}
