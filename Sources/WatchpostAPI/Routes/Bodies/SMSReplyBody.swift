import Foundation
import WatchpostStore

/// The answer to the SMS gateway's post of an officer's text (`SMSReply` in /openapi.yaml):
/// what the text did and the answer sent back; `repeated` when the gateway had posted the same
/// text before (nothing was done again, and no second answer was sent).
struct SMSReplyBody: Encodable {
    let id: String
    let outcome: String
    let answer: String
    let repeated: Bool

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, outcome, answer, repeated
    }

    init(_ record: SMSReplyRecord, repeated: Bool) {
        id = record.id.canonicalString
        outcome = record.outcome
        answer = record.answer
        self.repeated = repeated
    }
}
