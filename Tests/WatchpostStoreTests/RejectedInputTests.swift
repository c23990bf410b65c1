import Foundation
import Testing
import WatchpostCore
import WatchpostStore

/// Every refusal is one `RejectedInput`, built where it happens, that keeps the message as it
/// arrived: its key (so a replayed dead letter lands on the partition its original did), its
/// bytes, and its signing key id.
struct RejectedInputTests {
    static let event = Event(
        eventID: UUID(uuidString: "6f1c1b2e-0000-4000-8000-000000000001")!,
        incidentID: UUID(uuidString: "6f1c1b2e-0000-4000-8000-0000000000aa")!,
        occurredAt: Date(timeIntervalSince1970: 1_796_094_000),
        source: EventSource(kind: .officer, id: "ht-thcs-binh-son"),
        unitID: "thcs-binh-son",
        payload: .acknowledged(IncidentAcknowledged(note: "Đã nắm."))
    )

    static func inbound(key: [UInt8]?, raw: [UInt8]) -> InboundEvent {
        InboundEvent(event: event, topic: "watchpost.events", partition: 5, offset: 77, key: key, raw: raw, keyID: "k1")
    }

    @Test func aRoutingRefusalKeepsTheMessageKeyAndBytesAsTheyArrived() {
        let key = Array("producer-chosen-key".utf8)
        let raw = Array(#"{"as":"sent"}"#.utf8)
        let rejection = RejectedInput.routing(
            Self.inbound(key: key, raw: raw),
            note: RoutingNote(.unknownIncident, "no incident 6f1c…aa")
        )
        #expect(rejection.key == key)
        #expect(rejection.raw == raw)
        #expect(rejection.stage == .routing)
        #expect(rejection.problems.map(\.code) == ["unknown_incident"])
        #expect(rejection.keyID == "k1" && rejection.offset == 77 && rejection.partition == 5)
        #expect(rejection.incidentID == Self.event.incidentID)
    }

    @Test func aConflictWithoutAKeyHasNoneAndIsEncodedWhenNoBytesWereKept() {
        let rejection = RejectedInput.conflict(Self.inbound(key: nil, raw: []), storedAt: "watchpost.events[1]@3")
        #expect(rejection.key == nil)
        #expect(rejection.raw == EventEncoder().encode(Self.event))
        #expect(rejection.stage == .conflict)
        #expect(rejection.problems.map(\.path) == ["event_id"])
        #expect(rejection.reason.contains("watchpost.events[1]@3"))
    }
}
