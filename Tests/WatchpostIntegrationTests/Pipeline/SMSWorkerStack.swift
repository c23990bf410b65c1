import Foundation
import Kafka
import Testing
import WatchpostCore
import WatchpostNotify
import WatchpostPipeline
import WatchpostTestSupport

/// A running API (`APITestHarness`) and an in-process worker sharing its database and broker,
/// with the SMS gateway a recording server: the worker sends officers' texts through it, with
/// reply codes since `WATCHPOST_SMS_INBOUND_SECRET` is set, and the API sends its answers through
/// it and takes the gateway's posts of texts and delivery reports. The gateway answers each send
/// with `answer` (its request and 1-based number); by default 200 and the message id `sms-<n>`,
/// which the gateway file names (`message_id_field`), so attempts keep it.
struct SMSWorkerStack: Sendable {
    /// The head of THCS Bình Sơn's SMS number, as the directory writes it and the worker sends to.
    static let headPhone = "0900000016"
    static let head: OfficerID = "ht-thcs-binh-son"
    static let school: UnitID = "thcs-binh-son"

    let api: APITestHarness
    let gateway: TestHTTPServer

    /// The gateway's default answer: accepted, as message `sms-<n>`.
    static func accepted(_ number: Int) -> TestHTTPServer.Reply {
        .status(200, body: #"{"message_id": "sms-\#(number)"}"#)
    }

    static func with(
        answer: @escaping @Sendable (TestHTTPServer.Request, Int) -> TestHTTPServer.Reply = { accepted($1) },
        _ body: @Sendable (SMSWorkerStack) async throws -> Void
    ) async throws {
        let gateway = try TestHTTPServer(handler: answer)
        defer { gateway.stop() }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("sms-gateway-\(UUID()).json")
        defer { try? FileManager.default.removeItem(at: file) }
        let template = #"{"to": "{{to}}", "text": "{{text}}", "ref": "{{idempotency_key}}"}"#
        let document: [String: Any] = [
            "url": gateway.url, "body": ["json": template], "message_id_field": "message_id", "max_segments": 6,
        ]
        try JSONSerialization.data(withJSONObject: document).write(to: file)
        let answers = GatewayChannel(
            kind: .sms,
            configuration: try GatewayConfiguration.load(path: file.path, channel: .sms),
            environment: [:]
        )
        let environment = [
            "WATCHPOST_SMS_GATEWAY_FILE": file.path, SMSInbound.secretVariable: SMSReplyTests.secret,
            AcknowledgeLinkSigner.environmentVariable: APITestHarness.linkSecret,
            "WATCHPOST_PUBLIC_URL": APITestHarness.publicURL,
        ]
        try await APITestHarness.with(configure: { $0.smsInboundSecret = SMSReplyTests.secret }, smsAnswers: answers) {
            api in
            let settings = PipelineInProcessWorker.settings(broker: api.broker, database: api.database)
            try await PipelineInProcessWorker.with(1, settings: settings, environment: environment) { _ in
                try await body(SMSWorkerStack(api: api, gateway: gateway))
            }
        }
    }

    /// Publishes a monitoring tool's report of a new incident at THCS Bình Sơn, as a producer
    /// of theirs would; returns the incident.
    func reportIncident() async throws -> UUID {
        let incident = UUID()
        let event = Event.toolReport(
            eventID: UUID(),
            incidentID: incident,
            occurredAt: Date().addingTimeInterval(-60),
            unit: Self.school,
            url: "https://www.facebook.com/sms-worker/\(incident.uuidString.lowercased())",
            summary: "Bài đăng cần xử lý"
        )
        _ = try await api.environment.producer.send(
            KafkaProducerMessage(
                topic: PipelineBroker.eventsTopic,
                key: Array(incident.canonicalString.utf8),
                value: EventEncoder().encode(event)
            )
        )
        return incident
    }

    /// The texts the gateway was asked to send so far, with the answer it gave each.
    var texts: [(to: String, text: String, number: Int)] {
        gateway.requests.enumerated().compactMap { index, request in
            guard let json = try? JSONSerialization.jsonObject(with: request.body) as? [String: String] else {
                return nil
            }
            return (json["to"] ?? "", json["text"] ?? "", index + 1)
        }
    }

    /// The head's deliveries of `incident`, once each has ended (delivered or dead).
    func headDeliveries(of incident: UUID) async throws -> [UUID] {
        var ids: [UUID] = []
        try await waitUntil("the worker ends every delivery of \(incident) to the head", timeout: .seconds(120)) {
            let rows = try await api.rows(
                """
                SELECT d.id, d.status FROM deliveries d JOIN alerts a ON a.id = d.alert_id
                WHERE a.incident_id = \(incident) AND d.recipient = \(Self.head) ORDER BY d.created_at, d.id
                """
            )
            let statuses = try rows.map { (try $0.decode(UUID.self, at: 0), try $0.decode(String.self, at: 1)) }
            ids = statuses.map(\.0)
            return !statuses.isEmpty && statuses.allSatisfy { $0.1 == "delivered" || $0.1 == "dead" }
        }
        return ids
    }

    /// Each attempt of `delivery`: (number, channel, outcome, provider message id, receipt status).
    func attempts(_ delivery: UUID) async throws -> [(Int, String, String, String?, String?)] {
        try await api.rows(
            """
            SELECT attempt, channel_kind, outcome, provider_message_id, receipt_status FROM delivery_attempts
            WHERE delivery_id = \(delivery) ORDER BY attempt
            """
        ).map {
            (
                try $0.decode(Int.self, at: 0), try $0.decode(String.self, at: 1), try $0.decode(String.self, at: 2),
                try $0.decode(String?.self, at: 3), try $0.decode(String?.self, at: 4)
            )
        }
    }
}
