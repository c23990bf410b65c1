import Foundation
import WatchpostCore
import WatchpostStore

extension RejectedInput {
    /// A valid event the database refused for good (stage `store`, D10).
    init(refused inbound: InboundEvent, error: any Error) {
        self.init(inbound, stage: .store, reason: "the database refused the event: \(error)", problems: [])
        self = withPlainText()
    }

    /// The same input with NUL and other control characters removed from its texts (jsonb and
    /// text columns refuse NUL).
    func withPlainText() -> RejectedInput {
        var copy = self
        copy.reason = DeadLetter.oneLine(reason)
        copy.problems = problems.map {
            StoredProblem(path: DeadLetter.oneLine($0.path), code: $0.code, reason: DeadLetter.oneLine($0.reason))
        }
        return copy
    }
}
