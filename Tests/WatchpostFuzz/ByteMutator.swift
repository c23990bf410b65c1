/// Damage at the byte level: flips, inserts, deletes, copies, splices, invalid UTF-8 and NUL
/// bytes. Knows nothing of the format, so it reaches the parsers' error paths.
public enum ByteMutator {
    /// Applies one to a few byte mutations to `input`, never growing it beyond `maximumSize`.
    public static func mutate(
        _ input: [UInt8],
        other: [UInt8],
        maximumSize: Int,
        _ random: inout FuzzRandom
    ) -> [UInt8] {
        var bytes = input
        for _ in 0..<random.smallCount(6) {
            apply(&bytes, other: other, &random)
        }
        if bytes.count > maximumSize { bytes.removeLast(bytes.count - maximumSize) }
        return bytes
    }

    private static let interesting: [UInt8] = Array("{}[],:\"\\0123456789eE+-.tfnu \n\t\r#&*!|>-?%@`'".utf8)

    private static func apply(_ bytes: inout [UInt8], other: [UInt8], _ random: inout FuzzRandom) {
        let at = random.index(bytes.count + 1)
        switch random.index(10) {
        case 0 where !bytes.isEmpty:
            let index = random.index(bytes.count)
            bytes[index] ^= 1 << UInt8(random.index(8))
        case 1: bytes.insert(random.pick(interesting), at: at)
        case 2 where !bytes.isEmpty:
            let start = random.index(bytes.count)
            bytes.removeSubrange(start..<min(bytes.count, start + random.smallCount(64)))
        case 3 where !bytes.isEmpty:
            let start = random.index(bytes.count)
            let chunk = bytes[start..<min(bytes.count, start + random.int(1...256))]
            bytes.insert(contentsOf: chunk, at: at)
        case 4 where !other.isEmpty:
            // Splice: the head of this input with the tail of another.
            let cut = random.index(other.count)
            bytes = Array(bytes[..<min(at, bytes.count)]) + other[cut...]
        case 5: bytes.insert(contentsOf: random.pick(HostileText.invalidUTF8), at: at)
        case 6: bytes.insert(0x00, at: at)
        case 7 where !bytes.isEmpty:
            bytes.removeLast(random.index(bytes.count))
        case 8 where !bytes.isEmpty:
            let index = random.index(bytes.count)
            bytes[index] = UInt8(truncatingIfNeeded: random.next())
        default:
            bytes.insert(contentsOf: Array(random.pick(HostileText.markup).utf8), at: at)
        }
    }
}
