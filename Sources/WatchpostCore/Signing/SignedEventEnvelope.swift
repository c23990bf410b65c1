import Foundation

/// An event as every producer of Watchpost sends it, without the broker: its key (the incident
/// id), its exact bytes, and the headers that carry its signature for the sender (decision D18)
/// and, for a replay, its `ReplayMark`. The worker, the API and the CLI wrap it in a Kafka
/// message; the signing lives here once.
public struct SignedEventEnvelope: Sendable, Hashable {
    /// One message header.
    public struct Header: Sendable, Hashable {
        /// The header's name, e.g. `watchpost-signature`.
        public var name: String
        /// Its value.
        public var value: [UInt8]
    }

    /// The message key: the incident id, so one incident's events keep their order.
    public var key: [UInt8]?
    /// The event's bytes, exactly as signed.
    public var value: [UInt8]
    /// The signature header when a keyring is given, then the replay mark if any.
    public var headers: [Header]

    /// An event keyed by its incident id, signed for `signer` when `keyring` is given.
    public init(incidentID: UUID, value: [UInt8], signer: EventSource, keyring: EventKeyring?) {
        self.init(key: Array(incidentID.canonicalString.utf8), value: value, signer: signer, keyring: keyring)
    }

    /// The same with the message key as it is; with `replayOf`, marked as the replay of that
    /// `rejected_events` row (`ReplayMark`), the mark signed with the event.
    public init(key: [UInt8]?, value: [UInt8], signer: EventSource, replayOf: Int64? = nil, keyring: EventKeyring?) {
        var headers: [Header] = []
        if let keyring {
            let signature = EventSignature.sign(value, signer: signer, replayOf: replayOf, keyring: keyring)
            headers.append(Header(name: EventSignature.header, value: Array(signature.headerValue.utf8)))
        }
        if let replayOf { headers.append(Header(name: ReplayMark.header, value: ReplayMark.headerValue(replayOf))) }
        self.key = key
        self.value = value
        self.headers = headers
    }
}
