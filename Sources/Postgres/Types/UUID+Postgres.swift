import Foundation

extension UUID: PostgresArrayElement, PostgresDecodable {
    /// `uuid`.
    public static var postgresDataType: PostgresDataType { .uuid }
    /// `uuid[]`.
    public static var postgresArrayDataType: PostgresDataType { .uuidArray }
    /// The canonical lower-case form.
    public func postgresText() -> String? {
        TextBytes.string(capacity: 36) { appendPostgresText(to: &$0) }
    }
    /// The canonical lower-case form, 8-4-4-4-12 hex digits, written directly.
    public func appendPostgresText(to buffer: inout [UInt8]) -> Bool {
        let start = buffer.count
        buffer.append(contentsOf: repeatElement(UInt8(ascii: "-"), count: 36))
        withUnsafeBytes(of: uuid) { bytes in
            buffer.withUnsafeMutableBufferPointer { output in
                var position = start
                for (index, byte) in bytes.enumerated() {
                    // The dashes stay before bytes 4, 6, 8 and 10.
                    if index == 4 || index == 6 || index == 8 || index == 10 { position += 1 }
                    output[position] = TextBytes.hexDigit(byte >> 4)
                    output[position + 1] = TextBytes.hexDigit(byte & 0x0F)
                    position += 2
                }
            }
        }
        return true
    }
    /// Decodes `uuid` (and UUID-shaped text).
    public static func decode(postgresText text: String, type: PostgresDataType) -> UUID? {
        UUIDText.parseCanonical(text) ?? UUID(uuidString: text)
    }
}

/// Reads the 8-4-4-4-12 form the server prints for `uuid`, without Foundation's parser.
enum UUIDText {
    /// The UUID spelled by 36 characters of hex digits (either case) with dashes at offsets 8,
    /// 13, 18 and 23, or `nil` for anything else (which Foundation's parser then gets to judge).
    static func parseCanonical(_ text: String) -> UUID? {
        var text = text
        return text.withUTF8 { utf8 -> UUID? in
            guard utf8.count == 36 else { return nil }
            var bytes: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            let parsed = withUnsafeMutableBytes(of: &bytes) { output -> Bool in
                var position = 0
                for index in 0..<16 {
                    if position == 8 || position == 13 || position == 18 || position == 23 {
                        guard utf8[position] == UInt8(ascii: "-") else { return false }
                        position += 1
                    }
                    guard let high = TextBytes.hexValue(utf8[position]),
                        let low = TextBytes.hexValue(utf8[position + 1])
                    else { return false }
                    output[index] = high << 4 | low
                    position += 2
                }
                return true
            }
            return parsed ? UUID(uuid: bytes) : nil
        }
    }
}
