import Foundation
import Kafka
import WatchpostCore

extension KafkaProducerMessage {
    /// An event for the events topic: `SignedEventEnvelope(incidentID:value:signer:keyring:)`
    /// wrapped for `topic`.
    public static func event(
        topic: String,
        incidentID: UUID,
        value: [UInt8],
        signer: EventSource,
        keyring: EventKeyring?
    ) -> KafkaProducerMessage {
        KafkaProducerMessage(
            topic: topic,
            envelope: SignedEventEnvelope(incidentID: incidentID, value: value, signer: signer, keyring: keyring)
        )
    }

    /// `SignedEventEnvelope(key:value:signer:replayOf:keyring:)` wrapped for `topic`.
    public static func event(
        topic: String,
        key: [UInt8]?,
        value: [UInt8],
        signer: EventSource,
        replayOf: Int64? = nil,
        keyring: EventKeyring?
    ) -> KafkaProducerMessage {
        KafkaProducerMessage(
            topic: topic,
            envelope: SignedEventEnvelope(key: key, value: value, signer: signer, replayOf: replayOf, keyring: keyring)
        )
    }

    /// `envelope` as a message of `topic`: its key, bytes and headers as they are.
    public init(topic: String, envelope: SignedEventEnvelope) {
        self.init(
            topic: topic,
            key: envelope.key,
            value: envelope.value,
            headers: envelope.headers.map { KafkaHeader(key: $0.name, value: $0.value) }
        )
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
