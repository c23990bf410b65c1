import Foundation
import WatchpostStore

/// The answer to the SMS gateway's delivery report (`SMSReceipt` in /openapi.yaml): what the
/// status word means (`outcome`), the outcome the attempt that sent the text now carries
/// (`holds`: a failure reported after a delivery leaves it delivered; absent until a final
/// report), and `repeated` when the gateway had posted the same report before (nothing changed).
struct SMSReceiptBody: Encodable {
    let messageID: String
    let outcome: String
    let holds: String?
    let repeated: Bool

    enum CodingKeys: String, CodingKey, CaseIterable {
        case messageID = "message_id"
        case outcome, holds, repeated
    }

    init(messageID: String, outcome: ProviderReceipt.Outcome, recorded: RecordedReceipt) {
        self.messageID = messageID
        self.outcome = outcome.rawValue
        holds = recorded.holds?.rawValue
        repeated = recorded.repeated
    }
}
