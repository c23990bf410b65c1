/// The escapings a gateway value may need, one per place it can land.
enum GatewayEscaping {
    /// RFC 3986 percent-encoding: everything but unreserved characters is escaped, so a
    /// value can never add a query parameter or a path segment.
    static func percentEncoded(_ value: String) -> String {
        encode(value) { byte in
            isAlphanumeric(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "~")
        } space: {
            "%20"
        }
    }

    /// `application/x-www-form-urlencoded` (WHATWG URL standard): space becomes `+`.
    static func formEncoded(_ value: String) -> String {
        encode(value) { byte in
            isAlphanumeric(byte) || byte == UInt8(ascii: "*") || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
        } space: {
            "+"
        }
    }

    /// The contents of a JSON string literal (RFC 8259), without the surrounding quotes.
    /// Non-ASCII text stays as UTF-8; U+2028/U+2029 are escaped for JavaScript receivers.
    static func jsonStringContent(_ value: String) -> String {
        var output = ""
        output.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            case "\u{2028}", "\u{2029}":
                output += "\\u" + String(scalar.value, radix: 16)
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private static func encode(_ value: String, keep: (UInt8) -> Bool, space: () -> String) -> String {
        var output = ""
        for byte in value.utf8 {
            if keep(byte) {
                output.unicodeScalars.append(Unicode.Scalar(byte))
            } else if byte == UInt8(ascii: " ") {
                output += space()
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                output += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return output
    }
}
