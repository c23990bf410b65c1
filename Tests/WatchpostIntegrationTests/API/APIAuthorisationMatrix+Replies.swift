import Foundation
import HTTPTypes
import WatchpostAPI
import WatchpostCore

/// The SMS gateway's route in the authorisation matrix (issue 30): no officer, tool or link may
/// post a text as if it came from the gateway; only the gateway's key or signature is accepted
/// (`SMSReplyTests`).
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
        }
    ]
}
