import Foundation
import WatchpostCore
import WatchpostStore

extension RejectedInput {
    /// A valid event the database refused for good (stage `store`, D10).
    init(refused inbound: InboundEvent, error: any Error) {
        self.init(
            topic: inbound.topic,
            partition: inbound.partition,
            offset: inbound.offset,
            key: inbound.key,
            raw: inbound.raw,
            reason: "the database refused the event: \(error)",
            problems: [],
            stage: .store,
            eventID: inbound.event.eventID,
            incidentID: inbound.event.incidentID,
            keyID: inbound.keyID
        )
        self = withPlainText()
    }

    /// The same input with NUL and other control characters removed from its texts (jsonb and
    /// text columns refuse NUL).
    func withPlainText() -> RejectedInput {
        var copy = self
        copy.reason = DeadLetter.oneLine(reason)
        copy.problems = problems.map {
            EventProblem(path: DeadLetter.oneLine($0.path), code: $0.code, reason: DeadLetter.oneLine($0.reason))
        }
        return copy
    }
}
