/// Writes ASCII text forms straight into UTF-8 byte buffers, without `String`, `printf` or
/// Foundation formatters: the building blocks of every built-in parameter encoding.
enum TextBytes {
    /// A `String` of the bytes `append` writes, or `nil` when it reports SQL NULL.
    static func string(capacity: Int, _ append: (inout [UInt8]) throws -> Bool) rethrows -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(capacity)
        guard try append(&bytes) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `value` in decimal, with a leading `-` when negative (as `String(value)` does).
    static func appendDecimal<Value: BinaryInteger>(_ value: Value, to buffer: inout [UInt8]) {
        if value < 0 { buffer.append(UInt8(ascii: "-")) }
        appendDigits(UInt64(value.magnitude), minimumWidth: 1, to: &buffer)
    }

    /// Appends `value` in decimal, padded with leading zeros to at least `minimumWidth` digits.
    static func appendDigits(_ value: UInt64, minimumWidth: Int, to buffer: inout [UInt8]) {
        var digitCount = 1
        var rest = value / 10
        while rest > 0 {
            digitCount += 1
            rest /= 10
        }
        let width = max(digitCount, minimumWidth)
        let start = buffer.count
        buffer.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width))
        buffer.withUnsafeMutableBufferPointer { bytes in
            var remaining = value
            var position = start + width - 1
            while remaining > 0 {
                bytes[position] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: remaining % 10)
                remaining /= 10
                position -= 1
            }
        }
    }

    /// Appends `bytes` as two lower-case hex digits each.
    static func appendHex(_ bytes: some Collection<UInt8>, to buffer: inout [UInt8]) {
        let start = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: bytes.count * 2))
        buffer.withUnsafeMutableBufferPointer { output in
            var position = start
            for byte in bytes {
                output[position] = hexDigit(byte >> 4)
                output[position + 1] = hexDigit(byte & 0x0F)
                position += 2
            }
        }
    }

    /// The lower-case hex digit of `value`, which is in 0...15.
    @inline(__always)
    static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") - 10 + value
    }

    /// The value of an ASCII hex digit (either case), or `nil`.
    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
