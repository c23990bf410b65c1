import Foundation
import HTTPTypes
import WatchpostAPI

/// Zalo's webhook in the authorisation matrix: only Zalo's signature opens it, so every caller,
/// whatever token or session it holds, is refused without one.
extension APIAuthorisationMatrixTests {
    static let zaloExpectations: [String: @Sendable (World, APICaller) -> [Case]] = [
        "POST /v1/zalo/events": { _, _ in
            [
                Case(
                    method: .post,
                    uri: "/v1/zalo/events",
                    body: [
                        "app_id": "4242", "event_name": "user_received_message", "timestamp": "1733400000000",
                        "message": ["msg_id": "msg-1"],
                    ],
                    status: .unauthorized,
                    code: "zalo_signature_invalid"
                )
            ]
        }
    ]
}
