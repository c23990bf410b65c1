import WatchpostCore

/// The body the SMS gateway posts for one text an officer sent (`SMSInbound`):
/// `from` (the sender's number), `text`, and `message_id` (the gateway's id of the text), all
/// required; `to` and `received_at`, which gateways often add, are accepted and not used.
/// Every problem is answered at once (400), each naming its field.
struct SMSInboundRequest: Sendable, Hashable {
    var from: String
    var text: String
    var messageID: String

    /// A gateway id is a short token.
    static let maximumMessageID = 200
    /// Texts longer than a concatenated SMS of 10 parts are not answers.
    static let maximumText = 1_600

    static func parse(_ bytes: [UInt8]) throws(APIError) -> SMSInboundRequest {
        var body = ActionBody(bytes, fields: ["from", "text", "message_id", "to", "received_at"], event: false)
        let from = body.text("from", required: true)
        let text = body.text("text", required: true)
        let messageID = body.text("message_id", required: true)
        _ = body.text("to")
        _ = body.text("received_at")
        var problems = body.problems
        if let from, PhoneNumber.national(from) == nil {
            problems.append(EventProblem(path: "from", code: .unknownValue, reason: "is not a Vietnamese phone number"))
        }
        if let text, text.count > maximumText {
            problems.append(
                EventProblem(path: "text", code: .tooLong, reason: "is longer than \(maximumText) characters")
            )
        }
        if let messageID, messageID.isEmpty {
            problems.append(EventProblem(path: "message_id", code: .empty, reason: "must not be empty"))
        } else if let messageID, messageID.count > maximumMessageID {
            problems.append(
                EventProblem(
                    path: "message_id",
                    code: .tooLong,
                    reason: "is longer than \(maximumMessageID) characters"
                )
            )
        }
        guard problems.isEmpty, let from, let text, let messageID else {
            throw APIError(
                .badRequest,
                code: .invalidBody,
                message: "the gateway's text is not in the documented form",
                vi: "Tin nhắn do cổng SMS gửi sang không đúng định dạng.",
                problems: problems
            )
        }
        return SMSInboundRequest(from: from, text: text, messageID: messageID)
    }
}
