import Foundation
import WatchpostCore

/// The payload text stored in `events.payload` (jsonb).
enum PayloadText {
    /// The message as received when PostgreSQL's `jsonb` can hold it, otherwise the canonical
    /// envelope. `jsonb` rejects the escape `\u0000` and unpaired surrogate escapes; rather than
    /// fail a whole batch on one such message, any message with a `\u` escape is stored in
    /// canonical form (which writes characters, not escapes, except for control characters).
    static func of(_ inbound: InboundEvent) -> String {
        if !inbound.raw.isEmpty, !containsUnicodeEscape(inbound.raw),
            let text = String(validating: inbound.raw, as: UTF8.self)
        {
            return text
        }
        let canonical = String(decoding: EventEncoder().encode(inbound.event), as: UTF8.self)
        return canonical.contains("\\u0000")
            ? canonical.replacingOccurrences(of: "\\u0000", with: "\\ufffd") : canonical
    }

    private static func containsUnicodeEscape(_ bytes: [UInt8]) -> Bool {
        var previousWasBackslash = false
        for byte in bytes {
            if previousWasBackslash {
                if byte == UInt8(ascii: "u") { return true }
                previousWasBackslash = false
            } else if byte == UInt8(ascii: "\\") {
                previousWasBackslash = true
            }
        }
        return false
    }
}
