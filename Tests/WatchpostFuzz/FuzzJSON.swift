import Foundation

/// A JSON tree the mutators can damage in ways a real encoder never would: duplicate keys,
/// numbers of any spelling, and raw string bodies with broken escapes.
public indirect enum FuzzJSON: Sendable, Hashable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number written exactly as given (it need not be valid JSON).
    case number(String)
    /// A string, escaped as JSON requires.
    case string(String)
    /// Text written as is: a string with broken escapes, or nesting thousands of levels deep
    /// (kept flat so that no recursion over the tree goes that deep).
    case raw(String)
    /// An array.
    case array([FuzzJSON])
    /// Members in order; keys may repeat.
    case object([Member])

    /// One member of an object.
    public struct Member: Sendable, Hashable {
        /// The member's name.
        public var key: String
        /// The member's value.
        public var value: FuzzJSON

        /// Creates a member.
        public init(_ key: String, _ value: FuzzJSON) {
            self.key = key
            self.value = value
        }
    }

    /// Parses valid JSON (a seed), keys sorted so that the tree does not depend on hashing.
    public init?(parsing bytes: [UInt8]) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]) else {
            return nil
        }
        self.init(foundation: object)
    }

    private init(foundation object: Any) {
        switch object {
        case let text as String: self = .string(text)
        case let array as [Any]: self = .array(array.map(FuzzJSON.init(foundation:)))
        case let dictionary as [String: Any]:
            self = .object(dictionary.keys.sorted().map { Member($0, FuzzJSON(foundation: dictionary[$0]!)) })
        case let number as NSNumber:
            self = .number(number.stringValue)
        default: self = .null
        }
    }

    /// The UTF-8 text of the tree; `.raw` and `.number` texts are written unchecked.
    public var bytes: [UInt8] {
        var out: [UInt8] = []
        write(into: &out)
        return out
    }

    private func write(into out: inout [UInt8]) {
        switch self {
        case .null: out += "null".utf8
        case .bool(let flag): out += (flag ? "true" : "false").utf8
        case .number(let text): out += text.utf8
        case .string(let text): Self.writeString(text, into: &out)
        case .raw(let text): out += text.utf8
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                item.write(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                Self.writeString(member.key, into: &out)
                out.append(UInt8(ascii: ":"))
                member.value.write(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func writeString(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += #"\""#.utf8
            case UInt8(ascii: "\\"): out += #"\\"#.utf8
            case 0x00..<0x20: out += String(format: "\\u%04x", byte).utf8
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
