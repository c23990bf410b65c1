import Foundation

extension Data: PostgresDecodable, PostgresEncodable {
    /// `bytea`.
    public static var postgresDataType: PostgresDataType { .bytea }

    /// bytea hex format, `\x00ff…`.
    public func postgresText() -> String? {
        TextBytes.string(capacity: 2 + count * 2) { appendPostgresText(to: &$0) }
    }

    /// bytea hex format, written directly.
    public func appendPostgresText(to buffer: inout [UInt8]) -> Bool {
        PostgresByteaHex.appendHex(self, to: &buffer)
        return true
    }

    /// Decodes bytea in hex format (the client always asks the server for it).
    public static func decode(postgresText text: String, type: PostgresDataType) -> Data? {
        var text = text
        return text.withUTF8 { bytes -> Data? in
            guard bytes.count >= 2, bytes.count % 2 == 0, bytes[0] == UInt8(ascii: "\\"), bytes[1] == UInt8(ascii: "x")
            else { return nil }
            var data = Data(count: bytes.count / 2 - 1)
            let decoded = data.withUnsafeMutableBytes { (output: UnsafeMutableRawBufferPointer) -> Bool in
                var index = 2
                while index < bytes.count {
                    guard let high = TextBytes.hexValue(bytes[index]), let low = TextBytes.hexValue(bytes[index + 1])
                    else { return false }
                    output[index / 2 - 1] = high << 4 | low
                    index += 2
                }
                return true
            }
            return decoded ? data : nil
        }
    }
}

/// bytea's hex text form, `\x` and two lower-case digits per byte: what
/// `Data(bytes).postgresText()` gives, without making a `Data` first.
public enum PostgresByteaHex {
    /// `\x` followed by the bytes in lower-case hex.
    public static func text(_ bytes: [UInt8]) -> String {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(2 + bytes.count * 2)
        append(bytes, to: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }

    /// Appends `\x` and the bytes in lower-case hex to `buffer`.
    public static func append(_ bytes: [UInt8], to buffer: inout [UInt8]) {
        appendHex(bytes, to: &buffer)
    }

    /// Appends `\x` and the bytes in lower-case hex (generic, for use inside this module only,
    /// where it is specialised).
    static func appendHex(_ bytes: some Collection<UInt8>, to buffer: inout [UInt8]) {
        buffer.append(UInt8(ascii: "\\"))
        buffer.append(UInt8(ascii: "x"))
        TextBytes.appendHex(bytes, to: &buffer)
    }
}
