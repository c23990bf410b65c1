import Crypto
import Foundation

extension UUID {
    /// The namespace of every name-based id Watchpost derives (escalations, reminders, ...).
    ///
    /// Its value, `89f9b2ec-e728-5ebb-a6e2-a7406db70a50`, is
    /// `UUID.v5(namespace: .dnsNamespace, name: "watchpost.events")` and must never
    /// change: stored ids and replay deduplication depend on it.
    public static let watchpost = UUID(
        uuid: (
            0x89, 0xf9, 0xb2, 0xec, 0xe7, 0x28, 0x5e, 0xbb, 0xa6, 0xe2, 0xa7, 0x40, 0x6d, 0xb7, 0x0a, 0x50
        )
    )

    /// The RFC 4122 DNS namespace, `6ba7b810-9dad-11d1-80b4-00c04fd430c8`.
    public static let dnsNamespace = UUID(
        uuid: (
            0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8
        )
    )

    /// The RFC 4122 URL namespace, `6ba7b811-9dad-11d1-80b4-00c04fd430c8`.
    public static let urlNamespace = UUID(
        uuid: (
            0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8
        )
    )

    /// A name-based UUID, version 5 (RFC 4122 §4.3, SHA-1): the same namespace and name always
    /// give the same id, so derived events (e.g. `"escalation:\(obligationID):\(level)"`) are
    /// idempotent across replays and crashes.
    public static func v5(namespace: UUID, name: String) -> UUID {
        var input = withUnsafeBytes(of: namespace.uuid) { Array($0) }
        input.append(contentsOf: name.utf8)
        var b = Array(Insecure.SHA1.hash(data: input).prefix(16))
        b[6] = (b[6] & 0x0F) | 0x50
        b[8] = (b[8] & 0x3F) | 0x80
        return UUID(
            uuid: (b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15])
        )
    }

    /// The canonical text form used on the wire: lowercase 8-4-4-4-12 hex (RFC 9562). Written
    /// digit by digit: it is made several times per event, and `uuidString.lowercased()` built
    /// two strings through `vfprintf` each time.
    public var canonicalString: String {
        String(unsafeUninitializedCapacity: 36) { output in
            withUnsafeBytes(of: uuid) { bytes in
                var position = 0
                for index in 0..<16 {
                    if index == 4 || index == 6 || index == 8 || index == 10 {
                        output[position] = UInt8(ascii: "-")
                        position += 1
                    }
                    output[position] = Self.lowercaseHexDigit(bytes[index] >> 4)
                    output[position + 1] = Self.lowercaseHexDigit(bytes[index] & 0x0F)
                    position += 2
                }
            }
            return 36
        }
    }

    private static func lowercaseHexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }

    /// Parses exactly 8-4-4-4-12 hex digits (either case); nil for anything else, braces and
    /// URN prefixes included, so acceptance does not depend on the platform's UUID parser.
    public init?(strictString text: String) {
        let utf8 = Array(text.utf8)
        guard utf8.count == 36 else { return nil }
        var bytes: [UInt8] = []
        var high: UInt8?
        for (offset, char) in utf8.enumerated() {
            if offset == 8 || offset == 13 || offset == 18 || offset == 23 {
                guard char == UInt8(ascii: "-") else { return nil }
                continue
            }
            let nibble: UInt8
            switch char {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = char - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = char - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = char - UInt8(ascii: "A") + 10
            default: return nil
            }
            if let h = high {
                bytes.append(h << 4 | nibble)
                high = nil
            } else {
                high = nibble
            }
        }
        guard bytes.count == 16 else { return nil }
        let b = bytes
        self.init(
            uuid: (b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15])
        )
    }
}
