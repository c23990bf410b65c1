import Crypto

extension Event {
    /// SHA-256 of the canonical envelope (`EventEncoder`): equal for two messages that carry the
    /// same event whatever their key order, spacing or Unicode normalisation, different as soon
    /// as any field differs. It tells an identical repeat of an `event_id` from a conflicting reuse.
    public var canonicalDigest: [UInt8] {
        Array(SHA256.hash(data: EventEncoder().encode(self)))
    }
}
