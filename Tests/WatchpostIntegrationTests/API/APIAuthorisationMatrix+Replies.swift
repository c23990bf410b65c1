import Foundation
import HTTPTypes
import WatchpostAPI
import WatchpostCore

/// The providers' routes in the authorisation matrix (issue 30): no officer, tool or link may
/// post a text or a delivery report as if it came from the SMS gateway, or a key press as if it
/// came from a call; only the gateway's key or signature, or the call's signed address, is
/// accepted (`SMSReplyTests`, `SMSReceiptRouteTests`, `VoiceCallTests`).
extension APIAuthorisationMatrixTests {
    static let replyExpectations: [String: @Sendable (World, APICaller) -> [Case]] = [
        "POST /v1/sms/inbound": { _, _ in
            [
                Case(
                    method: .post,
                    uri: "/v1/sms/inbound",
                    body: ["from": "0900000016", "text": "1 123456", "message_id": "matrix"],
                    status: .unauthorized,
                    code: "unauthenticated"
                )
            ]
        },
        "POST /v1/sms/receipts": { _, _ in
            [
                Case(
                    method: .post,
                    uri: "/v1/sms/receipts",
                    body: ["message_id": "matrix", "status": "delivered"],
                    status: .unauthorized,
                    code: "unauthenticated"
                )
            ]
        },
        "POST /v1/voice/keypress": { world, _ in
            [
                Case(
                    method: .post,
                    uri: "/v1/voice/keypress?delivery=\(UUID().uuidString)&sig=forged",
                    body: ["Digits": "1"],
                    status: .unauthorized,
                    code: "unauthenticated"
                )
            ]
        },
    ]
}
