import Foundation
import Postgres

extension UUID {
    /// The bytes of the canonical lower-case text (`canonicalString.utf8`), written without
    /// making a `String` first.
    var canonicalBytes: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(36)
        _ = appendPostgresText(to: &bytes)
        return bytes
    }

    /// Whether `self` sorts before `other` in the order of their `uuidString`s, compared byte
    /// by byte without making strings: both spell the same 16 bytes as hex digits, whose order
    /// is their values' order, with dashes in the same places.
    func sortsBefore(_ other: UUID) -> Bool {
        withUnsafeBytes(of: uuid) { lhs in
            withUnsafeBytes(of: other.uuid) { rhs in lhs.lexicographicallyPrecedes(rhs) }
        }
    }
}
