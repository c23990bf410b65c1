import Foundation
import Testing

@testable import WatchpostCore

/// An event a program builds (`EventDecoder.event`) is held to the rules an envelope's bytes are,
/// and its problems name the fields as given.
struct EventDraftTests {
    static let now = Date(timeIntervalSince1970: 1_796_094_000)
    static var decoder: EventDecoder {
        var decoder = EventDecoder(knownUnit: { $0 == "thcs-binh-son" })
        decoder.pastTolerance = .seconds(7 * 86_400)
        return decoder
    }

    static func build(
        _ type: EventType,
        _ data: [String: PayloadField],
        at occurredAt: Date = now,
        unit: UnitID = "thcs-binh-son"
    ) -> Result<Event, EventRejection> {
        decoder.event(
            type,
            data: data,
            eventID: UUID(),
            incidentID: UUID(),
            occurredAt: occurredAt,
            source: EventSource(kind: .officer, id: "ht-thcs-binh-son"),
            unitID: unit,
            now: now
        )
    }

    @Test func aValidActionBecomesItsEventWithNormalisedText() throws {
        let event = try Self.build(
            .actionRecorded,
            ["action": .text("content_removed"), "note": .text("  Đã gỡ.  "), "evidence_url": .text("https://x.vn/a")]
        ).get()
        guard case .actionRecorded(let recorded) = event.payload else {
            Issue.record("\(event.payload)")
            return
        }
        #expect(recorded.action == .contentRemoved && recorded.note == "Đã gỡ.")
    }

    @Test func everyProblemNamesTheFieldAsGivenAndTheEnvelopesOwn() {
        let tooLong = String(repeating: "a", count: EventLimits.note + 1)
        let result = Self.build(
            .actionRecorded,
            ["action": .text("teleported"), "note": .text(tooLong), "evidence_url": .text("javascript:alert(1)")],
            at: Self.now.addingTimeInterval(-30 * 86_400),
            unit: "nowhere"
        )
        guard case .failure(let rejection) = result else {
            Issue.record("accepted")
            return
        }
        #expect(Set(rejection.problems.map(\.path)) == ["action", "note", "evidence_url", "occurred_at", "unit_id"])
    }

    @Test func aFieldTheTypeDoesNotHaveIsRefused() {
        guard case .failure(let rejection) = Self.build(.incidentResolved, ["level": .integer(2)]) else {
            Issue.record("accepted")
            return
        }
        #expect(rejection.problems.map(\.code) == [.unknownField])
    }
}
