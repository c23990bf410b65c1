import Foundation
import HTTPTypes
import Postgres
import Testing
import WatchpostAPI
import WatchpostNotify

/// `POST /v1/zalo/events`: a signed receipt is recorded on the attempt that sent the message,
/// once; an unsigned or wrongly signed one is 401 and changes nothing.
@Suite("ZaloEventRoute", .serialized, .timeLimit(.minutes(5)))
struct ZaloEventRouteTests {
    static let appID = "4242"
    static let secret = "oa-secret-key"

    static func body(msgID: String, timestamp: String, deliveryTime: String) -> [UInt8] {
        Array(
            #"{"app_id":"\#(appID)","event_name":"user_received_message","timestamp":"\#(timestamp)","message":{"msg_id":"\#(msgID)","delivery_time":"\#(deliveryTime)"}}"#
                .utf8
        )
    }

    static func signed(_ body: [UInt8], timestamp: String, secret: String = secret) -> HTTPFields {
        let mac = ZaloDeliveryEvent.signature(
            body: Data(body),
            appID: appID,
            timestamp: timestamp,
            secretKey: secret
        )
        return [HTTPField.Name("X-ZEvent-Signature")!: "mac=\(mac)"]
    }

    @Test func aSignedReceiptIsRecordedOnceAndAForgedOneChangesNothing() async throws {
        try await APITestHarness.with(configure: {
            $0.zaloEvents = ZaloEventSettings(appID: Self.appID, secretKey: Self.secret)
        }) { api in
            let delivery = UUID()
            try await api.pool.withConnection { connection in
                try await connection.query(
                    """
                    INSERT INTO deliveries (id, alert_id, recipient, locale, channels, status, next_attempt_at, created_at)
                    VALUES (\(delivery), \(UUID()), 'ht-thcs-binh-son', 'vi', '[]'::jsonb, 'delivered', now(), now())
                    """
                )
                try await connection.query(
                    """
                    INSERT INTO delivery_attempts (delivery_id, attempt, channel_index, channel_kind, started_at,
                        finished_at, outcome, provider_message_id)
                    VALUES (\(delivery), 1, 0, 'zalo', now(), now(), 'delivered', 'msg-9')
                    """
                )
            }
            func receiptAt() async throws -> Date? {
                try await api.pool.withConnection { connection in
                    try await connection.query(
                        "SELECT receipt_at FROM delivery_attempts WHERE delivery_id = \(delivery)"
                    ).first?.decode(Date?.self, at: 0) ?? nil
                }
            }
            // Forged: signed with another key. Nothing changes.
            let forged = Self.body(msgID: "msg-9", timestamp: "1733400000500", deliveryTime: "1733400000000")
            let refused = try await api.request(
                .post,
                "/v1/zalo/events",
                body: forged,
                headers: Self.signed(forged, timestamp: "1733400000500", secret: "not-the-key")
            )
            #expect(refused.status == .unauthorized)
            #expect(refused.errorCode == "zalo_signature_invalid")
            let unsigned = try await api.request(.post, "/v1/zalo/events", body: forged)
            #expect(unsigned.status == .unauthorized)
            #expect(try await receiptAt() == nil)

            let body = Self.body(msgID: "msg-9", timestamp: "1733400001000", deliveryTime: "1733400000900")
            let accepted = try await api.request(
                .post,
                "/v1/zalo/events",
                body: body,
                headers: Self.signed(body, timestamp: "1733400001000")
            )
            #expect(accepted.status == .ok)
            #expect(accepted.text.contains(#""matched":true"#) && accepted.text.contains(#""status":"recorded""#))
            #expect(try await receiptAt() == Date(timeIntervalSince1970: 1_733_400_000.9))
            // Zalo sends it again later: the first time stays.
            let again = Self.body(msgID: "msg-9", timestamp: "1733400009000", deliveryTime: "1733400008000")
            let repeated = try await api.request(
                .post,
                "/v1/zalo/events",
                body: again,
                headers: Self.signed(again, timestamp: "1733400009000")
            )
            #expect(repeated.status == .ok)
            #expect(try await receiptAt() == Date(timeIntervalSince1970: 1_733_400_000.9))

            let unknown = Self.body(msgID: "msg-from-elsewhere", timestamp: "1733400010000", deliveryTime: "1")
            let other = try await api.request(
                .post,
                "/v1/zalo/events",
                body: unknown,
                headers: Self.signed(unknown, timestamp: "1733400010000")
            )
            #expect(other.status == .ok && other.text.contains(#""matched":false"#))
        }
    }

    @Test func aSignedEventWithoutItsNameIsABadRequestNamingTheField() async throws {
        try await APITestHarness.with(configure: {
            $0.zaloEvents = ZaloEventSettings(appID: Self.appID, secretKey: Self.secret)
        }) { api in
            let body = Array(#"{"app_id":"4242","timestamp":"1733400000000"}"#.utf8)
            let response = try await api.request(
                .post,
                "/v1/zalo/events",
                body: body,
                headers: Self.signed(body, timestamp: "1733400000000")
            )
            #expect(response.status == .badRequest)
            #expect(response.text.contains(#""field":"event_name""#))
        }
    }
}
