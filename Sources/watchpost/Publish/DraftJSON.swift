/// A JSON value built from command-line flags before validation.
///
/// The draft deliberately holds the operator's raw text (an unknown category stays a string) so
/// that `EventDecoder`, the same validator the workers run, judges it and names every problem.
/// `WatchpostCore`'s own JSON types are internal to it, and Foundation's serialiser would need
/// `Any`, so this small writer stays here.
indirect enum DraftJSON: Sendable, Equatable {
    case string(String)
    case integer(Int)
    case array([DraftJSON])
    /// Members in the order written; the decoder does not care about order.
    case object([(String, DraftJSON)])

    static func == (lhs: DraftJSON, rhs: DraftJSON) -> Bool {
        lhs.rendered == rhs.rendered
    }

    /// Compact UTF-8 JSON text.
    var rendered: String {
        var out = ""
        write(to: &out)
        return out
    }

    private func write(to out: inout String) {
        switch self {
        case let .string(text):
            Self.writeString(text, to: &out)
        case let .integer(number):
            out += String(number)
        case let .array(items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                item.write(to: &out)
            }
            out += "]"
        case let .object(members):
            out += "{"
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { out += "," }
                Self.writeString(key, to: &out)
                out += ":"
                value.write(to: &out)
            }
            out += "}"
        }
    }

    private static func writeString(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
