import Foundation
import WatchpostCore
import WatchpostStore

/// The body the SMS gateway posts for one delivery report (DLR) of a text Watchpost sent
/// (`SMSInbound.receiptsPath`): `message_id` (the gateway's id of the text, as its answer to the
/// send gave it) and `status`, required; `at` (RFC 3339, when the network reported it) and
/// `error` (the gateway's error code), optional; `to`, which gateways often add, accepted and
/// not used. Every problem is answered at once (400), each naming its field.
///
/// `status` takes the words common gateways post, in any case: Twilio's `MessageStatus`,
/// Vonage's DLR `status`, and SMPP's `stat:` (`statusWords`).
struct SMSReceiptRequest: Sendable, Hashable {
    var messageID: String
    /// The word as posted, lower-cased.
    var status: String
    var outcome: ProviderReceipt.Outcome
    var at: Date?
    var error: String?

    /// What each status word means. Final: `delivered` reached the phone; the network gave up
    /// on the others. Interim: on its way.
    static let statusWords: [String: ProviderReceipt.Outcome] = [
        "delivered": .delivered, "delivrd": .delivered,
        "failed": .failed, "undelivered": .failed, "undeliv": .failed, "undeliverable": .failed,
        "expired": .failed, "rejected": .failed, "rejectd": .failed, "deleted": .failed,
        "accepted": .interim, "acceptd": .interim, "queued": .interim, "sending": .interim, "sent": .interim,
        "submitted": .interim, "buffered": .interim, "enroute": .interim, "pending": .interim,
        "unknown": .interim,
    ]
    /// A gateway id is a short token.
    static let maximumMessageID = ProviderReceipt.maximumMessageID
    /// A gateway's error code or short text.
    static let maximumError = 200

    static func parse(_ bytes: [UInt8]) throws(APIError) -> SMSReceiptRequest {
        var body = ActionBody(bytes, fields: ["message_id", "status", "at", "error", "to"], event: false)
        let messageID = body.text("message_id", required: true)
        let status = body.text("status", required: true)?.lowercased()
        let atText = body.text("at")
        let error = body.text("error")
        _ = body.text("to")
        if let messageID, messageID.isEmpty {
            body.add(EventProblem(path: "message_id", code: .empty, reason: "must not be empty"))
        } else if let messageID, messageID.count > maximumMessageID {
            body.add(
                EventProblem(
                    path: "message_id",
                    code: .tooLong,
                    reason: "is longer than \(maximumMessageID) characters"
                )
            )
        }
        if let status, statusWords[status] == nil {
            body.add(
                EventProblem(
                    path: "status",
                    code: .unknownValue,
                    reason: "is not a delivery status; use one of \(statusWords.keys.sorted().joined(separator: ", "))"
                )
            )
        }
        var at: Date?
        if let atText {
            switch RFC3339.parse(atText) {
            case .success(let date): at = date
            case .failure(let problem): body.add(EventProblem(path: "at", code: .invalidTime, reason: problem.reason))
            }
        }
        if let error, error.count > maximumError {
            body.add(EventProblem(path: "error", code: .tooLong, reason: "is longer than \(maximumError) characters"))
        }
        guard body.problems.isEmpty, let messageID, let status, let outcome = statusWords[status] else {
            throw APIError(
                .badRequest,
                code: .invalidBody,
                message: "the gateway's delivery report is not in the documented form",
                vi: "Báo cáo trạng thái gửi tin do cổng SMS gửi sang không đúng định dạng.",
                problems: body.problems
            )
        }
        return SMSReceiptRequest(messageID: messageID, status: status, outcome: outcome, at: at, error: error)
    }
}
