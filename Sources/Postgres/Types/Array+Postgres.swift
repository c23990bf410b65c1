extension Array: PostgresEncodable where Element: PostgresArrayElement {
    /// The element type's array type, e.g. `uuid[]`; use `$1::uuid[]` in SQL where it is ambiguous.
    public static var postgresDataType: PostgresDataType { Element.postgresArrayDataType }

    /// A one-dimensional array literal with every element quoted, e.g. `{"a","b",NULL}`.
    public func postgresText() throws -> String? {
        try TextBytes.string(capacity: 2 + count * 16) { try appendPostgresText(to: &$0) }
    }

    /// The bytes of `postgresText()`: each element's bytes are written in place between quotes,
    /// then `\` and `"` among them are escaped with a backslash.
    public func appendPostgresText(to buffer: inout [UInt8]) throws -> Bool {
        buffer.append(UInt8(ascii: "{"))
        for index in indices {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            let quote = buffer.count
            buffer.append(UInt8(ascii: "\""))
            guard try self[index].appendPostgresText(to: &buffer) else {
                buffer.removeSubrange(quote...)
                buffer.append(contentsOf: "NULL".utf8)
                continue
            }
            ArrayLiteral.escapeQuotedElement(in: &buffer, from: quote + 1)
            buffer.append(UInt8(ascii: "\""))
        }
        buffer.append(UInt8(ascii: "}"))
        return true
    }
}

/// Writes elements of PostgreSQL array literals.
enum ArrayLiteral {
    /// Puts a backslash before every `\` and `"` in `buffer[start...]`, in place: these two
    /// bytes are the only ones that need escaping inside a double-quoted element, and in UTF-8
    /// they never occur inside a multi-byte character.
    static func escapeQuotedElement(in buffer: inout [UInt8], from start: Int) {
        let end = buffer.count
        let specials = buffer.withUnsafeBufferPointer { bytes in
            var count = 0
            for position in start..<end where needsEscape(bytes[position]) { count += 1 }
            return count
        }
        guard specials > 0 else { return }
        buffer.append(contentsOf: repeatElement(0, count: specials))
        buffer.withUnsafeMutableBufferPointer { bytes in
            // Moves each byte right by the number of escapes still to write, back to front.
            var read = end
            var write = end + specials
            while read > start {
                read -= 1
                write -= 1
                let byte = bytes[read]
                bytes[write] = byte
                if needsEscape(byte) {
                    write -= 1
                    bytes[write] = UInt8(ascii: "\\")
                }
            }
        }
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "\"")
    }
}

extension Array: PostgresDecodable where Element: PostgresDecodable {
    /// Decodes a one-dimensional array; NULL elements need an `Optional` element type.
    public static func decode(postgresText text: String, type: PostgresDataType) -> [Element]? {
        guard let items = ArrayText.parse(text) else { return nil }
        var result: [Element] = []
        result.reserveCapacity(items.count)
        for item in items {
            guard
                let value = item.map({ Element.decode(postgresText: $0, type: .unspecified) })
                    ?? Element.postgresNullValue
            else { return nil }
            result.append(value)
        }
        return result
    }
}

/// Parses PostgreSQL's text form of a one-dimensional array.
enum ArrayText {
    /// The elements of `{a,"b c",NULL}` (`nil` for NULL), or `nil` if the text is not such an array.
    ///
    /// Works on UTF-8 bytes: every byte with a meaning here (`{ } , " \\ [ =`) is ASCII, and
    /// ASCII bytes never occur inside a multi-byte character.
    static func parse(_ text: String) -> [String?]? {
        var text = text
        return text.withUTF8 { parse(bytes: $0) }
    }

    private static func parse(bytes all: UnsafeBufferPointer<UInt8>) -> [String?]? {
        var start = 0
        var end = all.count
        // Arrays with a lower bound other than 1 are printed as `[0:2]={...}`.
        if end > 0, all[0] == UInt8(ascii: "["), let equals = all.firstIndex(of: UInt8(ascii: "=")) {
            start = equals + 1
        }
        guard end - start >= 2, all[start] == UInt8(ascii: "{"), all[end - 1] == UInt8(ascii: "}") else { return nil }
        start += 1
        end -= 1
        var items: [String?] = []
        if start == end { return items }
        var current: [UInt8] = []
        var quoted = false
        var wasQuoted = false
        var position = start
        while position < end {
            let byte = all[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\\"):
                guard position < end else { return nil }
                current.append(all[position])
                position += 1
            case UInt8(ascii: "\""):
                quoted.toggle()
                wasQuoted = true
            case UInt8(ascii: "{") where !quoted, UInt8(ascii: "}") where !quoted:
                return nil  // multi-dimensional arrays are not supported
            case UInt8(ascii: ",") where !quoted:
                items.append(element(current, wasQuoted: wasQuoted))
                current.removeAll(keepingCapacity: true)
                wasQuoted = false
            default:
                current.append(byte)
            }
        }
        guard !quoted else { return nil }
        items.append(element(current, wasQuoted: wasQuoted))
        return items
    }

    /// The element's text, or `nil` for an unquoted `NULL` in any case.
    private static func element(_ bytes: [UInt8], wasQuoted: Bool) -> String? {
        let text = String(decoding: bytes, as: UTF8.self)
        guard !wasQuoted else { return text }
        if bytes.count == 4, bytes.allSatisfy({ $0 < 0x80 }) {
            return bytes.map({ $0 & 0xDF }).elementsEqual("NULL".utf8) ? nil : text
        }
        // Outside ASCII, only Unicode's own upper-casing can tell (as before).
        return bytes.contains(where: { $0 >= 0x80 }) && text.uppercased() == "NULL" ? nil : text
    }
}
