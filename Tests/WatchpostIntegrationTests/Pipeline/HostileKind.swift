import Foundation
import Kafka
import WatchpostCore
import WatchpostFuzz

/// The kinds of hostile message, each built from the good event sent just before it.
enum HostileKind: CaseIterable {
    case wrongType, deepNesting, oversizedValue, oversizedKey, longKey, invalidUTF8, nulByte, escapedNul
    case loneSurrogate, markupInUnit, confusableType, forgedSchemaVersion, textSchemaVersion, hugeSchemaVersion
    case unsignedOfficer, unsignedSystem, malformedSignature, otherOfficersSignature, wrongSecret, tamperedAfterSigning
    case reusedEventID

    /// The message, and the stage at which a worker refuses it.
    func message(_ number: Int, after good: Event) -> HostileTraffic.Message {
        let text = String(decoding: EventEncoder().encode(good), as: UTF8.self)
        func decode(_ value: String) -> HostileTraffic.Message {
            HostileTraffic.Message(message: HostileTraffic.message(Array(value.utf8), key: good), stage: "decode")
        }
        func replacing(_ old: String, _ new: String) -> HostileTraffic.Message {
            precondition(text.contains(old), "the template holds \(old)")
            return decode(text.replacingOccurrences(of: old, with: new))
        }
        switch self {
        case .wrongType: return replacing(#""severity":"low""#, #""severity":["low"]"#)
        case .deepNesting:
            // 10 000 levels: far past the decoder's 16, still under 64 KiB.
            return replacing(
                #""subjects":["student"]"#,
                #""subjects":"# + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
            )
        case .oversizedValue:
            return replacing(#""summary":""#, #""summary":""# + String(repeating: "ệ", count: EventLimits.summary + 1))
        case .oversizedKey:
            let key = String(repeating: "k", count: EventLimits.maximumInputBytes)
            return decode(#"{""# + key + #"":1,"# + text.dropFirst())
        case .longKey:
            return replacing(#""data":{"#, #""data":{""# + String(repeating: "sumary", count: 500) + #"":"x","#)
        case .invalidUTF8:
            var bytes = Array(text.utf8)
            bytes.insert(
                contentsOf: HostileText.invalidUTF8[number % HostileText.invalidUTF8.count],
                at: bytes.count / 2
            )
            return HostileTraffic.Message(message: HostileTraffic.message(bytes, key: good), stage: "decode")
        case .nulByte: return replacing(#""summary":""#, "\"summary\":\"\u{0}")
        case .escapedNul: return replacing(#""summary":""#, #""summary":"\u0000"#)
        case .loneSurrogate: return replacing(#""summary":""#, #""summary":"\ud800"#)
        case .markupInUnit:
            let markup = HostileText.markup[number % HostileText.markup.count]
            var event = good
            event.unitID = markup
            return decode(String(decoding: EventEncoder().encode(event), as: UTF8.self))
        case .confusableType: return replacing(#""incident.reported""#, "\"\(HostileText.confusables[0])\"")
        case .forgedSchemaVersion: return replacing(#""schema_version":1"#, #""schema_version":2"#)
        case .textSchemaVersion: return replacing(#""schema_version":1"#, #""schema_version":"1""#)
        case .hugeSchemaVersion: return replacing(#""schema_version":1"#, #""schema_version":1e400"#)
        case .unsignedOfficer: return Self.auth(Self.officerAcknowledgement(good, number), signer: nil)
        case .unsignedSystem:
            var escalation = Self.officerAcknowledgement(good, number)
            escalation.source = EventSource(kind: .system, id: "deadline-enforcer")
            escalation.payload = .escalated(
                IncidentEscalated(level: 1, reason: .deadlineMissed, obligationID: nil, note: nil)
            )
            return Self.auth(escalation, signer: nil)
        case .malformedSignature:
            let event = Self.officerAcknowledgement(good, number)
            return Self.auth(event, header: "v1;kid=test-1;signer=officer:\(event.source.id);sig=' OR 1=1 --")
        case .otherOfficersSignature:
            return Self.auth(
                Self.officerAcknowledgement(good, number),
                signer: EventSource(kind: .officer, id: "gv-mallory")
            )
        case .wrongSecret:
            let event = Self.officerAcknowledgement(good, number)
            let signature = EventSignature.sign(
                EventEncoder().encode(event),
                signer: event.source,
                keyring: Self.wrongKeys
            )
            return Self.auth(event, header: signature.headerValue)
        case .tamperedAfterSigning:
            let event = Self.officerAcknowledgement(good, number)
            let signature = EventSignature.sign(
                EventEncoder().encode(event),
                signer: event.source,
                keyring: TestEventKeys.keyring
            )
            var tampered = event
            tampered.payload = .acknowledged(IncidentAcknowledged(note: "'; DROP TABLE obligations; --"))
            return Self.auth(tampered, header: signature.headerValue)
        case .reusedEventID:
            var conflicting = good
            if case .reported(var body) = conflicting.payload {
                body.summary += " (another body under the same event id)"
                conflicting.payload = .reported(body)
            }
            let value = EventEncoder().encode(conflicting)
            return HostileTraffic.Message(message: HostileTraffic.message(value, key: good), stage: "conflict")
        }
    }

    /// The workers' key id with a secret they do not hold.
    private static let wrongKeys: EventKeyring = {
        do {
            return try EventKeyring(parsing: "test-1:not-the-secret-the-workers-hold-0123456789")
        } catch {
            fatalError("the wrong test key is invalid: \(error)")
        }
    }()

    /// An acknowledgement of the good event's incident claiming the school head as its sender.
    private static func officerAcknowledgement(_ good: Event, _ number: Int) -> Event {
        Event(
            eventID: UUID.v5(namespace: .watchpost, name: "hostile-forged:\(good.eventID):\(number)"),
            incidentID: good.incidentID,
            occurredAt: Date(),
            source: EventSource(kind: .officer, id: "ht-thcs-binh-son"),
            unitID: good.unitID,
            payload: .acknowledged(IncidentAcknowledged(note: "<b>Đã tiếp nhận</b>"))
        )
    }

    /// `event` signed for `signer` with the workers' own key (nil: unsigned).
    private static func auth(_ event: Event, signer: EventSource?) -> HostileTraffic.Message {
        let value = EventEncoder().encode(event)
        let header = signer.map { EventSignature.sign(value, signer: $0, keyring: TestEventKeys.keyring).headerValue }
        return auth(event, header: header)
    }

    private static func auth(_ event: Event, header: String?) -> HostileTraffic.Message {
        let headers = header.map { [KafkaHeader(key: EventSignature.header, value: Array($0.utf8))] } ?? []
        return HostileTraffic.Message(
            message: HostileTraffic.message(EventEncoder().encode(event), key: event, headers: headers),
            stage: "auth"
        )
    }
}
