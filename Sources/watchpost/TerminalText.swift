/// Text from outside (a rejected message's key and body, the reasons that quote it) made safe
/// to print on an operator's terminal: control characters other than line feed and tab, and
/// invisible formatting characters (bidi overrides, zero-width ones), are written as `\u{1B}`,
/// so an escape sequence in a message cannot move the cursor, rewrite the screen or hide text.
enum TerminalText {
    /// `bytes` decoded as UTF-8 (an invalid sequence becomes U+FFFD), made safe.
    static func safe(_ bytes: [UInt8]) -> String {
        safe(String(decoding: bytes, as: UTF8.self))
    }

    /// `text`, made safe.
    static func safe(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar == "\n" || scalar == "\t" || !isUnsafe(scalar) {
                out.append(scalar)
            } else {
                out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            }
        }
        return String(out)
    }

    private static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator: true
        default: false
        }
    }
}
