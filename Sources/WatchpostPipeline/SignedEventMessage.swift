import Foundation
import Kafka
import WatchpostCore

extension KafkaProducerMessage {
    /// An event for the events topic, keyed by its incident id, carrying the signature of
    /// `value` for `signer` in the `watchpost-signature` header when a keyring is given
    /// (decision D18). Every producer of Watchpost builds its event messages here.
    public static func event(
        topic: String,
        incidentID: UUID,
        value: [UInt8],
        signer: EventSource,
        keyring: EventKeyring?
    ) -> KafkaProducerMessage {
        event(topic: topic, key: Array(incidentID.canonicalString.utf8), value: value, signer: signer, keyring: keyring)
    }

    /// The same with the message key as it is; with `replayOf`, marked as the replay of that
    /// `rejected_events` row (`ReplayMark`), the mark signed with the event.
    public static func event(
        topic: String,
        key: [UInt8]?,
        value: [UInt8],
        signer: EventSource,
        replayOf: Int64? = nil,
        keyring: EventKeyring?
    ) -> KafkaProducerMessage {
        var headers: [KafkaHeader] = []
        if let keyring {
            let signature = EventSignature.sign(value, signer: signer, replayOf: replayOf, keyring: keyring)
            headers.append(KafkaHeader(key: EventSignature.header, value: Array(signature.headerValue.utf8)))
        }
        if let replayOf { headers.append(KafkaHeader(key: ReplayMark.header, value: ReplayMark.headerValue(replayOf))) }
        return KafkaProducerMessage(topic: topic, key: key, value: value, headers: headers)
    }
}

extension KafkaConsumerMessage {
    /// The value of the `watchpost-signature` header, if the message has exactly one.
    var signatureHeader: [UInt8]? { header(EventSignature.header) }

    /// The value of the `watchpost-replay-of` header (`ReplayMark`), if the message has exactly one.
    var replayHeader: [UInt8]? { header(ReplayMark.header) }

    /// The value of header `name` if the message has exactly one; empty (so malformed) if it
    /// has several, nil if none.
    private func header(_ name: String) -> [UInt8]? {
        let matching = headers.filter { $0.key == name }
        return matching.count == 1 ? (matching[0].value ?? []) : (matching.isEmpty ? nil : [])
    }
}
