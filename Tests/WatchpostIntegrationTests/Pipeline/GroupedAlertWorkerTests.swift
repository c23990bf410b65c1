import Foundation
import Kafka
import Postgres
import Testing
import WatchpostCore
import WatchpostTestSupport

/// A rumour across fifty schools of one commune, through three real workers with the shipped
/// `grouping` (D58): each principal is alerted at once about their own school, the commune
/// police and the authority's desk get their first alert at once and the other 49 in one
/// message, sent once by one of the three dispatchers. (With two workers the race between
/// batches that opened two groups per official did not show.)
@Suite(.serialized, .timeLimit(.minutes(10)))
struct GroupedAlertWorkerTests {
    static let schools = 50
    static let police: OfficerID = "ca-xa-binh-son-anm"
    static let desk: OfficerID = "cv-vhxh-binh-son"

    /// `PipelinePaths.groupedConfig` with `schools` more lower-secondary schools in the commune of
    /// Bình Sơn, each with a principal.
    static func configFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("watchpost-config-flood-\(UUID())")
        try FileManager.default.copyItem(at: PipelinePaths.groupedConfig, to: folder)
        let file = folder.appendingPathComponent("directory.yaml")
        var directory = try String(contentsOf: file, encoding: .utf8)
        let units = (1...schools).map { number in
            """
              - id: thcs-tin-don-\(number)
                kind: lower_secondary
                name: Trường THCS Thử nghiệm \(number)
                commune: xa-binh-son
                authority: vhxh-xa-binh-son

            """
        }
        let officers = (1...schools).map { number in
            """
              - id: ht-tin-don-\(number)
                name: Hiệu trưởng \(number)
                unit: thcs-tin-don-\(number)
                roles: [head]
                channels:
                  - email: hieutruong@thcs-tin-don-\(number).example.invalid

            """
        }
        guard directory.contains("\nofficers:\n") else { throw PipelineTimeout(what: "`officers:` in directory.yaml") }
        directory = directory.replacingOccurrences(of: "\nofficers:\n", with: "\n" + units.joined() + "officers:\n")
        directory += (directory.hasSuffix("\n") ? "" : "\n") + officers.joined()
        try directory.write(to: file, atomically: true, encoding: .utf8)
        return folder
    }

    static func message(_ event: Event) -> KafkaProducerMessage {
        KafkaProducerMessage.event(
            topic: PipelineBroker.eventsTopic,
            incidentID: event.incidentID,
            value: EventEncoder().encode(event),
            signer: event.source,
            keyring: TestEventKeys.keyring
        )
    }

    /// Recipients of the messages the receiver got, and the deliveries each carried.
    static func received(_ receiver: TestHTTPServer) -> [(key: String, recipient: String, deliveries: [String])] {
        receiver.requests.compactMap { request in
            guard let json = try? JSONSerialization.jsonObject(with: request.body) as? [String: Any] else { return nil }
            let recipient = json["recipient_officer_id"] as? String ?? ""
            let alerts = json["alerts"] as? [[String: Any]]
            let deliveries =
                alerts?.compactMap { $0["delivery_id"] as? String } ?? [request.headers["idempotency-key"] ?? ""]
            return (request.headers["idempotency-key"] ?? "", recipient, deliveries)
        }
    }

    @Test func fiftySchoolsReportingOneRumourThroughThreeWorkersPageThePoliceTwice() async throws {
        let folder = try Self.configFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let receiver = try TestHTTPServer { _, _ in .status(200) }
        let reports = (1...Self.schools).map { number in
            Event.toolReport(
                eventID: UUID(),
                incidentID: UUID(),
                occurredAt: Date(),
                unit: "thcs-tin-don-\(number)",
                url: "https://www.facebook.com/tin-don/\(number)-\(UUID().uuidString.lowercased())",
                summary: "Tin đồn",
                category: .lawViolationSigns,
                severity: .high
            )
        }
        try await PipelineDatabase.with { database in
            let broker = try await PipelineBroker(partitions: 3)
            var settings = PipelineInProcessWorker.settings(broker: broker, database: database, configDirectory: folder)
            // Beside the rest of the suite, which comes close to the test cluster's 500
            // connections: few connections each, and no enforcer (no deadline is due here).
            settings.databaseConnections = 2
            settings.runsEnforcer = false
            var environment = ProcessInfo.processInfo.environment
            environment["WATCHPOST_DEV_DELIVERY"] = "webhook:\(receiver.url)"
            try await PipelineInProcessWorker.with(3, settings: settings, environment: environment) { workers in
                let producer = try broker.producer()
                try await PipelineBroker.send(reports.map(Self.message), with: producer)
                await producer.close()
                try await waitUntil(
                    "every alert is written and every one not held delivered",
                    timeout: .seconds(120),
                    every: .milliseconds(200)
                ) {
                    let alerts = try await database.count("SELECT count(*) FROM deliveries")
                    let open = try await database.count(
                        "SELECT count(*) FROM deliveries WHERE group_key IS NULL AND status <> 'delivered'"
                    )
                    return alerts == Int64(Self.schools * 3) && open == 0
                }
                #expect(Self.received(receiver).filter { $0.recipient == Self.police }.count == 1)
                #expect(Self.received(receiver).filter { $0.recipient == Self.desk }.count == 1)
                for number in 1...Self.schools {
                    #expect(Self.received(receiver).filter { $0.recipient == "ht-tin-don-\(number)" }.count == 1)
                }
                #expect(
                    try await database.count(
                        "SELECT count(DISTINCT group_key) FROM deliveries WHERE group_key IS NOT NULL"
                    ) == 2
                )
                // Time passes: the groups are due.
                _ = try await database.rows(
                    """
                    WITH due AS (
                        UPDATE deliveries SET next_attempt_at = now() WHERE status = 'pending' AND group_key IS NOT NULL
                        RETURNING id
                    )
                    SELECT count(*), pg_notify('watchpost_deliveries', '') FROM due
                    """
                )
                try await waitUntil("every delivery is delivered", timeout: .seconds(120), every: .milliseconds(200)) {
                    try await database.count("SELECT count(*) FROM deliveries WHERE status <> 'delivered'") == 0
                }
                let messages = Self.received(receiver)
                #expect(Set(messages.map(\.key)).count == messages.count)
                #expect(messages.filter { $0.recipient == Self.police }.map(\.deliveries.count).sorted() == [1, 49])
                #expect(messages.filter { $0.recipient == Self.desk }.map(\.deliveries.count).sorted() == [1, 49])
                #expect(messages.count == Self.schools + 4)
                let carried = messages.flatMap(\.deliveries)
                #expect(carried.count == Self.schools * 3 && Set(carried).count == carried.count)
                #expect(PipelineInProcessWorker.counter("watchpost_deliveries_grouped_total", in: workers) == 98)
                #expect(PipelineInProcessWorker.counter("watchpost_grouped_messages_total", in: workers) == 2)
                #expect(
                    PipelineInProcessWorker.counter("watchpost_deliveries_delivered_total", in: workers)
                        == Double(Self.schools * 3)
                )
            }
        }
    }
}
