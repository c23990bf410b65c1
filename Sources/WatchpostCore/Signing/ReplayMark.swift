/// The mark `watchpost dlq replay` puts on a refused event it publishes again: the Kafka header
/// `watchpost-replay-of`, holding the id of the `rejected_events` row it replays.
///
/// A worker routes a copy of an event it refused at routing only if the copy carries this mark
/// and the mark names the event's latest refusal, so each refusal can be replayed once and a
/// copy re-sent by anyone else is recognised as a replay (issue 26). On a signed event the mark
/// is covered by the signature (`EventSignature`): it cannot be added to, or moved between,
/// messages without the key. On an unsigned tool report it proves nothing, and needs not: such
/// a report could as well be sent under a new id.
public enum ReplayMark {
    /// The Kafka header that carries it.
    public static let header = "watchpost-replay-of"

    /// The header value for the row `rejectionID`.
    public static func headerValue(_ rejectionID: Int64) -> [UInt8] { Array(String(rejectionID).utf8) }

    /// The row a header value names: 1 to 18 ASCII digits, not zero; nil for anything else.
    public static func rejectionID(_ headerValue: some Collection<UInt8>) -> Int64? {
        guard (1...18).contains(headerValue.count), headerValue.allSatisfy({ (0x30...0x39).contains($0) }),
            let id = Int64(String(decoding: headerValue, as: UTF8.self)), id > 0
        else { return nil }
        return id
    }
}
