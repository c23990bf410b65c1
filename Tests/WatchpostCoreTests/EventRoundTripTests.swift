import Foundation
import PropertyBased
import Testing
import WatchpostCore

@Suite struct EventRoundTripTests {
    static let events = Generator<Event, Shrink.None<Event>> { rng in
        var split = SplitMix(seed: rng.next())
        return EventRandomSamples.event(&split)
    }

    static let seeds = Generator<UInt64, Shrink.None<UInt64>> { rng in rng.next() }

    @Test func decodingAnEncodedEventGivesItBack() async {
        let encoder = EventEncoder()
        await propertyCheck(count: 500, input: Self.events) { event in
            let bytes = encoder.encode(event)
            let decoded = EventSamples.decoder.decode(bytes)
            #expect(
                decoded.value == event,
                "\(decoded.rejection?.description ?? "")\n\(String(decoding: bytes, as: UTF8.self))"
            )
            #expect(encoder.encode(event) == bytes)
        }
    }

    @Test func encodingIsCanonical() throws {
        let event = Event(
            eventID: try #require(UUID(uuidString: EventSamples.eventID)),
            incidentID: try #require(UUID(uuidString: EventSamples.incidentID)),
            occurredAt: Date(timeIntervalSince1970: 1_795_922_100.5),
            source: EventSource(kind: .system, id: "enforcer"),
            unitID: "thcs-binh-son",
            payload: .escalated(IncidentEscalated(level: 2, reason: .deadlineMissed, note: "Hạn \"24h\"\n"))
        )
        let text = String(decoding: EventEncoder().encode(event), as: UTF8.self)
        #expect(
            text
                == #"{"data":{"level":2,"note":"Hạn \"24h\"\n","reason":"deadline_missed"},"event_id":"0b6a4c1e-6a0f-4a7e-9a55-2f1f4b7f0c11","#
                + #""incident_id":"4f1c2a3b-5d6e-4f70-8a91-b2c3d4e5f607","occurred_at":"2026-11-29T03:15:00.5Z","schema_version":1,"#
                + #""source":{"id":"enforcer","kind":"system"},"type":"incident.escalated","unit_id":"thcs-binh-son"}"#
        )
    }

    @Test func randomBytesNeverCrashTheDecoder() async {
        await propertyCheck(count: 2_000, input: Self.seeds) { seed in
            var rng = SplitMix(seed: seed)
            let bytes = (0..<Int.random(in: 0...300, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            #expect(EventSamples.decoder.decode(bytes).rejection != nil)
        }
    }

    @Test func damagedEventsAreRejectedOrDecodeConsistently() async {
        let encoder = EventEncoder()
        await propertyCheck(count: 2_000, input: Self.seeds) { seed in
            var rng = SplitMix(seed: seed)
            let damaged = EventRandomSamples.damage(encoder.encode(EventRandomSamples.event(&rng)), &rng)
            switch EventSamples.decoder.decode(damaged) {
            case let .success(event):
                // Whatever survives the damage must itself round-trip.
                #expect(EventSamples.decoder.decode(encoder.encode(event)).value == event)
            case let .failure(rejection):
                #expect(!rejection.problems.isEmpty)
                #expect(rejection.reason.count <= EventRejection.maximumReasonLength)
            }
        }
    }
}
