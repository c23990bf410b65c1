import Foundation
import WatchpostCore
import WatchpostStore

extension RejectedInput {
    /// The `rejected_events` row of a dead letter, with text the database always accepts.
    init(deadLetter letter: DeadLetter) {
        self.init(
            topic: letter.topic,
            partition: letter.partition,
            offset: letter.offset,
            key: letter.key,
            raw: letter.value,
            reason: letter.reason,
            problems: letter.problems
        )
        self = withPlainText()
    }

    /// The same input with NUL and other control characters removed from its texts (jsonb and
    /// text columns refuse NUL).
    func withPlainText() -> RejectedInput {
        var copy = self
        copy.reason = Self.plain(reason)
        copy.problems = problems.map {
            EventProblem(path: Self.plain($0.path), code: $0.code, reason: Self.plain($0.reason))
        }
        return copy
    }

    private static func plain(_ text: String) -> String {
        String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 }
            )
        )
    }
}

extension DeadLetter {
    /// The dead letter of a valid event the router rejected.
    init(rejected inbound: InboundEvent, note: RoutingNote, key: [UInt8]?) {
        self.init(
            topic: inbound.topic,
            partition: inbound.partition,
            offset: inbound.offset,
            key: key,
            value: inbound.raw,
            reason: DeadLetter.oneLine(note.description),
            problems: [],
            stage: .routing
        )
    }

    /// The dead letter of a valid event the database refused for good.
    init(refused inbound: InboundEvent, error: any Error, key: [UInt8]?) {
        let reason = "the database refused the event: \(error)"
        self.init(
            topic: inbound.topic,
            partition: inbound.partition,
            offset: inbound.offset,
            key: key,
            value: inbound.raw,
            reason: DeadLetter.oneLine(reason),
            problems: [],
            stage: .store
        )
    }
}
