import Foundation
import HTTPTypes
import Postgres
import Testing
import WatchpostAPI
import WatchpostCore
import WatchpostNotify

/// `POST /v1/sms/receipts` (D61): the SMS gateway's delivery report lands on the attempt that
/// sent the text, once; a delivery overrides a failure and never the reverse; a report for a
/// message no attempt sent is kept and answered 404; only the gateway may post, and a malformed
/// report names its fields. The attempts are written as a worker records them.
@Suite("SMS delivery reports", .serialized, .timeLimit(.minutes(5)))
struct SMSReceiptRouteTests {
    static let secret = SMSReplyTests.secret

    static func with(_ body: @Sendable (APITestHarness) async throws -> Void) async throws {
        try await APITestHarness.with(configure: { $0.smsInboundSecret = secret }) { api in try await body(api) }
    }

    /// Writes a delivered delivery whose attempts used `kinds`, the last accepted under
    /// `messageID`, as the dispatcher records them; returns the delivery.
    static func delivery(_ api: APITestHarness, kinds: [String], messageID: String) async throws -> UUID {
        let delivery = UUID()
        try await api.pool.withConnection { connection in
            try await connection.query(
                """
                INSERT INTO deliveries (id, alert_id, recipient, locale, channels, status, next_attempt_at, created_at)
                VALUES (\(delivery), \(UUID()), 'ht-thcs-binh-son', 'vi', '[]'::jsonb, 'delivered', now(), now())
                """
            )
            for (index, kind) in kinds.enumerated() {
                let last = index == kinds.count - 1
                try await connection.query(
                    """
                    INSERT INTO delivery_attempts (delivery_id, attempt, channel_index, channel_kind, started_at,
                        finished_at, outcome, error, provider_message_id)
                    VALUES (\(delivery), \(index + 1), 0, \(kind), now(), now(), \(last ? "delivered" : "retry"),
                        \(last ? nil : "sms serverError: 503"), \(last ? messageID : nil))
                    """
                )
            }
        }
        return delivery
    }

    /// Each attempt's (number, receipt status, receipt time), in order.
    static func receipts(_ api: APITestHarness, _ delivery: UUID) async throws -> [(Int, String?, Date?)] {
        try await api.rows(
            """
            SELECT attempt, receipt_status, receipt_at FROM delivery_attempts
            WHERE delivery_id = \(delivery) ORDER BY attempt
            """
        ).map { (try $0.decode(Int.self, at: 0), try $0.decode(String?.self, at: 1), try $0.decode(Date?.self, at: 2)) }
    }

    /// Posts a report as the gateway does, with the shared key.
    static func report(_ api: APITestHarness, _ fields: [String: String]) async throws -> APIResponse {
        try await api.request(
            .post,
            SMSInbound.receiptsPath,
            body: Array(try JSONSerialization.data(withJSONObject: fields)),
            headers: [HTTPField.Name(SMSInbound.keyHeader)!: secret]
        )
    }

    static let deliveredAt = "2026-11-29T10:15:02+07:00"
    static let deliveredDate = Date(timeIntervalSince1970: 1_795_922_102)

    @Test func aReportAfterARetryLandsOnTheAttemptThatSentTheTextOnce() async throws {
        try await Self.with { api in
            let delivery = try await Self.delivery(api, kinds: ["sms", "sms"], messageID: "gw-7")
            // Another channel's message with the same id is not the text's.
            let zalo = try await Self.delivery(api, kinds: ["zalo"], messageID: "gw-7")
            let first = try await Self.report(
                api,
                ["message_id": "gw-7", "status": "DELIVRD", "at": Self.deliveredAt, "to": "84900000016"]
            )
            #expect(first.status == .ok, "\(first.text)")
            #expect(first.json["outcome"] as? String == "delivered" && first.json["holds"] as? String == "delivered")
            #expect(first.json["repeated"] as? Bool == false)
            var attempts = try await Self.receipts(api, delivery)
            #expect(attempts.map(\.0) == [1, 2])
            #expect(attempts[0].1 == nil && attempts[0].2 == nil)
            #expect(attempts[1].1 == "delivered" && attempts[1].2 == Self.deliveredDate)
            #expect(try await Self.receipts(api, zalo).allSatisfy { $0.1 == nil })

            // The gateway posts it again, later: nothing changes.
            let again = try await Self.report(
                api,
                ["message_id": "gw-7", "status": "DELIVRD", "at": "2026-11-29T11:00:00+07:00"]
            )
            #expect(again.status == .ok && again.json["repeated"] as? Bool == true, "\(again.text)")
            attempts = try await Self.receipts(api, delivery)
            #expect(attempts[1].2 == Self.deliveredDate)
            let kept = try await api.count(
                "SELECT count(*) FROM delivery_receipts WHERE provider_message_id = 'gw-7' AND attempt_id IS NOT NULL"
            )
            #expect(kept == 1)
        }
    }

    @Test func aReportOfAGroupedTextLandsOnEveryAlertItCarried() async throws {
        try await Self.with { api in
            // A grouped message (D58) is one text: each member's attempt keeps its id.
            let members = [
                try await Self.delivery(api, kinds: ["sms"], messageID: "gw-group"),
                try await Self.delivery(api, kinds: ["sms"], messageID: "gw-group"),
                try await Self.delivery(api, kinds: ["sms"], messageID: "gw-group"),
            ]
            let other = try await Self.delivery(api, kinds: ["sms"], messageID: "gw-alone")
            let answer = try await Self.report(api, ["message_id": "gw-group", "status": "DELIVRD"])
            #expect(answer.status == .ok && answer.json["holds"] as? String == "delivered", "\(answer.text)")
            for member in members {
                #expect(try await Self.receipts(api, member).map(\.1) == ["delivered"])
            }
            #expect(try await Self.receipts(api, other).map(\.1) == [nil])
        }
    }

    @Test func aDeliveryOverridesAFailureAndAFailureNeverOverridesADelivery() async throws {
        try await Self.with { api in
            let delivery = try await Self.delivery(api, kinds: ["sms"], messageID: "gw-8")
            let expired = try await Self.report(api, ["message_id": "gw-8", "status": "expired", "error": "27"])
            #expect(expired.json["outcome"] as? String == "failed" && expired.json["holds"] as? String == "failed")
            #expect(try await Self.receipts(api, delivery).first?.1 == "failed")

            let delivered = try await Self.report(
                api,
                ["message_id": "gw-8", "status": "delivered", "at": Self.deliveredAt]
            )
            #expect(delivered.json["holds"] as? String == "delivered", "\(delivered.text)")
            let undelivered = try await Self.report(api, ["message_id": "gw-8", "status": "undelivered"])
            #expect(undelivered.json["outcome"] as? String == "failed")
            #expect(undelivered.json["holds"] as? String == "delivered")
            let attempt = try #require(try await Self.receipts(api, delivery).first)
            #expect(attempt.1 == "delivered" && attempt.2 == Self.deliveredDate)

            // A report on the way changes nothing, and is kept.
            let other = try await Self.delivery(api, kinds: ["sms"], messageID: "gw-9")
            let sent = try await Self.report(api, ["message_id": "gw-9", "status": "sent"])
            #expect(sent.status == .ok && sent.json["outcome"] as? String == "interim" && sent.json["holds"] == nil)
            #expect(try await Self.receipts(api, other).first?.1 == nil)
            #expect(try await api.count("SELECT count(*) FROM delivery_receipts") == 4)
        }
    }

    @Test func aReportForAMessageNoAttemptSentIsKeptAnsweredNotFoundAndMatchedWhenPostedAgain() async throws {
        try await Self.with { api in
            let early = try await Self.report(api, ["message_id": "gw-early", "status": "delivered"])
            #expect(early.status == .notFound && early.errorCode == "message_unknown", "\(early.text)")
            #expect(
                try await api.count(
                    "SELECT count(*) FROM delivery_receipts WHERE provider_message_id = 'gw-early' AND attempt_id IS NULL"
                ) == 1
            )
            // The worker records the attempt that sent it; the gateway retries its post.
            let delivery = try await Self.delivery(api, kinds: ["sms"], messageID: "gw-early")
            let retried = try await Self.report(api, ["message_id": "gw-early", "status": "delivered"])
            #expect(retried.status == .ok && retried.json["repeated"] as? Bool == true, "\(retried.text)")
            #expect(try await Self.receipts(api, delivery).first?.1 == "delivered")
            #expect(
                try await api.count("SELECT count(*) FROM delivery_receipts WHERE attempt_id IS NULL") == 0
            )
        }
    }

    @Test("only the gateway may post reports: no key, a wrong key and a token are 401; a signature is accepted")
    func onlyTheGatewayMayPostReports() async throws {
        try await Self.with { api in
            let delivery = try await Self.delivery(api, kinds: ["sms"], messageID: "gw-10")
            let body = Array(try JSONSerialization.data(withJSONObject: ["message_id": "gw-10", "status": "failed"]))
            let none = try await api.request(.post, SMSInbound.receiptsPath, body: body)
            let wrong = try await api.request(
                .post,
                SMSInbound.receiptsPath,
                body: body,
                headers: [HTTPField.Name(SMSInbound.keyHeader)!: Self.secret + "x"]
            )
            let token = try await api.token(tool: "gateway", scopes: [.read, .report])
            let tool = try await api.request(.post, SMSInbound.receiptsPath, token: token, body: body)
            #expect([none.status, wrong.status, tool.status] == [.unauthorized, .unauthorized, .unauthorized])
            #expect(try await api.count("SELECT count(*) FROM delivery_receipts") == 0)

            let stamp = Int64(Date().timeIntervalSince1970)
            let signed = try await api.request(
                .post,
                SMSInbound.receiptsPath,
                body: body,
                headers: [
                    HTTPField.Name(WebhookSignature.timestampHeader)!: "\(stamp)",
                    HTTPField.Name(WebhookSignature.signatureHeader)!: WebhookSignature.sign(
                        body: Data(body),
                        timestamp: stamp,
                        secret: Self.secret
                    ),
                ]
            )
            #expect(signed.status == .ok, "\(signed.text)")
            #expect(try await Self.receipts(api, delivery).first?.1 == "failed")
        }
    }

    @Test func aMalformedReportIsA400NamingEachFieldAndKeepsNothing() async throws {
        try await Self.with { api in
            let response = try await api.request(
                .post,
                SMSInbound.receiptsPath,
                body: Array(#"{"message_id": 7, "at": "soon", "status": "read"}"#.utf8),
                headers: [HTTPField.Name(SMSInbound.keyHeader)!: Self.secret]
            )
            #expect(response.status == .badRequest)
            #expect(Set(response.problemFields) == ["message_id", "at", "status"])
            #expect(try await api.count("SELECT count(*) FROM delivery_receipts") == 0)
        }
    }
}
