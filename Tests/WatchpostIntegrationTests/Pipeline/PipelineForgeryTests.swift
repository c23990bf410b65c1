import Foundation
import Kafka
import Testing
import WatchpostTestSupport
import WatchpostCore
import WatchpostPipeline

/// Events that claim an officer or the system must prove it (D18): a real worker refuses
/// forgeries with stage `auth`, records them, dead-letters them, and leaves the duty open.
@Suite("Forged senders", .serialized, .timeLimit(.minutes(5)))
struct PipelineForgeryTests {
    private static let school = "thcs-binh-son"

    /// A reported incident with its open acknowledge obligation, and who owns it.
    private struct OpenDuty {
        var incident: UUID
        var owner: String
    }

    private static func report(_ broker: PipelineBroker, _ database: PipelineDatabase, seed: String) async throws
        -> OpenDuty
    {
        let incident = UUID.v5(namespace: .watchpost, name: "forgery-incident:\(seed)")
        let event = Event.toolReport(
            eventID: UUID.v5(namespace: .watchpost, name: "forgery-report:\(seed)"),
            incidentID: incident,
            occurredAt: Date().addingTimeInterval(-60),
            unit: school,
            url: "https://www.facebook.com/forgery/\(seed)",
            summary: "Bài đăng cần kiểm tra \(seed)"
        )
        // Unsigned, as kcat or a crawler would send it: accepted by default.
        try await send(broker, event, signature: nil)
        try await waitUntil("the acknowledge obligation is open", timeout: .seconds(120)) {
            try await database.scalar(
                "SELECT count(*) FROM obligations WHERE incident_id = \(incident) AND kind = 'acknowledge' AND status = 'open'"
            ) == 1
        }
        let owner: String = try await database.scalar(
            "SELECT owner_officer_id FROM obligations WHERE incident_id = \(incident) AND kind = 'acknowledge'",
            as: String.self
        )
        return OpenDuty(incident: incident, owner: owner)
    }

    private static func acknowledgement(_ duty: OpenDuty, by officer: String, seed: String) -> Event {
        Event(
            eventID: UUID.v5(namespace: .watchpost, name: "forgery-ack:\(seed)"),
            incidentID: duty.incident,
            occurredAt: Date(),
            source: EventSource(kind: .officer, id: officer),
            unitID: school,
            payload: .acknowledged(IncidentAcknowledged(note: "Đã tiếp nhận"))
        )
    }

    /// Sends `event` with the given signature header value (nil: no header).
    private static func send(_ broker: PipelineBroker, _ event: Event, signature: String?) async throws {
        let producer = try broker.producer()
        _ = try await producer.send(
            KafkaProducerMessage(
                topic: PipelineBroker.eventsTopic,
                key: Array(event.incidentID.canonicalString.utf8),
                value: EventEncoder().encode(event),
                headers: signature.map { [KafkaHeader(key: EventSignature.header, value: Array($0.utf8))] } ?? []
            )
        )
        await producer.close()
    }

    private static func signature(of event: Event, signer: EventSource, keys: String) throws -> String {
        EventSignature.sign(EventEncoder().encode(event), signer: signer, keyring: try EventKeyring(parsing: keys))
            .headerValue
    }

    /// Waits for the auth refusal of `event` and checks that the obligation stayed open.
    private static func expectRefused(
        _ event: Event,
        _ duty: OpenDuty,
        _ database: PipelineDatabase,
        because fragment: String
    )
        async throws
    {
        try await waitUntil("the forged event is recorded with stage auth", timeout: .seconds(120)) {
            try await database.scalar(
                "SELECT count(*) FROM rejected_events WHERE event_id = \(event.eventID) AND stage = 'auth'"
            ) == 1
        }
        let reason: String = try await database.scalar(
            "SELECT reason FROM rejected_events WHERE event_id = \(event.eventID)",
            as: String.self
        )
        #expect(reason.contains(fragment), "\(reason)")
        #expect(try await database.scalar("SELECT count(*) FROM events WHERE event_id = \(event.eventID)") == 0)
        #expect(
            try await database.scalar(
                "SELECT count(*) FROM obligations WHERE incident_id = \(duty.incident) AND kind = 'acknowledge' AND status = 'open'"
            ) == 1
        )
    }

    @Test("an officer's acknowledgement without a signature is refused at stage auth and the duty stays open")
    func unsignedOfficerEventIsRefused() async throws {
        try await PipelineDatabase.with { database in
            let broker = try await PipelineBroker(partitions: 2)
            let settings = PipelineInProcessWorker.settings(broker: broker, database: database)
            try await PipelineInProcessWorker.with(1, settings: settings) { _ in
                let duty = try await Self.report(broker, database, seed: "unsigned")
                let forged = Self.acknowledgement(duty, by: duty.owner, seed: "unsigned")
                try await Self.send(broker, forged, signature: nil)
                try await Self.expectRefused(forged, duty, database, because: "is not signed")
                let letters = try await broker.deadLetters(expected: 1, timeout: .seconds(120))
                let stages = letters.flatMap { $0.headers.filter { $0.key == "stage" } }.compactMap(\.value)
                #expect(stages.contains(Array("auth".utf8)))
            }
        }
    }

    @Test("an acknowledgement signed with an unknown or revoked key, or with a wrong secret, is refused")
    func wrongKeysAreRefused() async throws {
        try await PipelineDatabase.with { database in
            let broker = try await PipelineBroker(partitions: 2)
            let settings = PipelineInProcessWorker.settings(broker: broker, database: database)
            try await PipelineInProcessWorker.with(1, settings: settings) { _ in
                let duty = try await Self.report(broker, database, seed: "keys")
                let signer = EventSource(kind: .officer, id: duty.owner)
                // A key the workers no longer hold: revoked by removing it from WATCHPOST_EVENT_KEYS.
                let revoked = Self.acknowledgement(duty, by: duty.owner, seed: "revoked")
                try await Self.send(
                    broker,
                    revoked,
                    signature: try Self.signature(
                        of: revoked,
                        signer: signer,
                        keys: "old-0:an-old-key-that-was-rotated-out-long-ago-000"
                    )
                )
                try await Self.expectRefused(revoked, duty, database, because: "unknown or revoked")
                // The workers' key id with another secret.
                let wrong = Self.acknowledgement(duty, by: duty.owner, seed: "wrong-secret")
                try await Self.send(
                    broker,
                    wrong,
                    signature: try Self.signature(
                        of: wrong,
                        signer: signer,
                        keys: "test-1:not-the-secret-the-workers-hold-0123456789"
                    )
                )
                try await Self.expectRefused(wrong, duty, database, because: "does not match")
            }
        }
    }

    @Test("a valid signature for another officer than source.id is refused; the owner's own signature meets the duty")
    func signatureMustNameTheSource() async throws {
        try await PipelineDatabase.with { database in
            let broker = try await PipelineBroker(partitions: 2)
            let settings = PipelineInProcessWorker.settings(broker: broker, database: database)
            try await PipelineInProcessWorker.with(1, settings: settings) { _ in
                let duty = try await Self.report(broker, database, seed: "signer")
                let forged = Self.acknowledgement(duty, by: duty.owner, seed: "other-signer")
                try await Self.send(
                    broker,
                    forged,
                    signature: try Self.signature(
                        of: forged,
                        signer: EventSource(kind: .officer, id: "gv-mallory"),
                        keys: TestEventKeys.value
                    )
                )
                try await Self.expectRefused(forged, duty, database, because: "signed for `officer:gv-mallory`")

                let genuine = Self.acknowledgement(duty, by: duty.owner, seed: "genuine")
                try await Self.send(
                    broker,
                    genuine,
                    signature: try Self.signature(
                        of: genuine,
                        signer: EventSource(kind: .officer, id: duty.owner),
                        keys: TestEventKeys.value
                    )
                )
                try await waitUntil("the genuine acknowledgement meets the duty", timeout: .seconds(120)) {
                    try await database.scalar(
                        "SELECT count(*) FROM obligations WHERE incident_id = \(duty.incident) AND kind = 'acknowledge' AND status = 'met'"
                    ) == 1
                }
            }
        }
    }

    @Test("a tool may report unsigned but not acknowledge; with unsigned tool reports off, its report is refused too")
    func unsignedToolsMayOnlyReport() async throws {
        try await PipelineDatabase.with { database in
            let broker = try await PipelineBroker(partitions: 2)
            var settings = PipelineInProcessWorker.settings(broker: broker, database: database)
            try await PipelineInProcessWorker.with(1, settings: settings) { _ in
                let duty = try await Self.report(broker, database, seed: "tool")
                var toolAck = Self.acknowledgement(duty, by: "monitor-tool", seed: "tool-ack")
                toolAck.source = EventSource(kind: .tool, id: "monitor-tool")
                try await Self.send(broker, toolAck, signature: nil)
                try await Self.expectRefused(toolAck, duty, database, because: "may only send incident.reported")
            }
            settings.acceptsUnsignedToolReports = false
            try await PipelineInProcessWorker.with(1, settings: settings) { _ in
                let report = Event.toolReport(
                    eventID: UUID.v5(namespace: .watchpost, name: "forgery-report:strict"),
                    incidentID: UUID.v5(namespace: .watchpost, name: "forgery-incident:strict"),
                    occurredAt: Date().addingTimeInterval(-60),
                    unit: Self.school,
                    url: "https://www.facebook.com/forgery/strict",
                    summary: "Báo cáo không ký"
                )
                try await Self.send(broker, report, signature: nil)
                try await waitUntil("the unsigned report is refused", timeout: .seconds(120)) {
                    try await database.scalar(
                        "SELECT count(*) FROM rejected_events WHERE event_id = \(report.eventID) AND stage = 'auth'"
                    ) == 1
                }
                #expect(
                    try await database.scalar("SELECT count(*) FROM incidents WHERE id = \(report.incidentID)") == 0
                )
            }
        }
    }
}
