import Foundation

/// The parameter encodings as they were before they wrote bytes directly (String building,
/// Foundation's `uuidString`), kept verbatim as the reference the new encoders must equal.
enum LegacyText {
    static func int<Value: BinaryInteger>(_ value: Value) -> String { String(value) }

    static func bool(_ value: Bool) -> String { value ? "t" : "f" }

    static func double(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        return value.description
    }

    static func uuid(_ value: UUID) -> String { value.uuidString.lowercased() }

    static func data(_ value: Data) -> String {
        let hexDigits = Array("0123456789abcdef".utf8)
        var text = [UInt8](repeating: 0, count: 2 + value.count * 2)
        text[0] = UInt8(ascii: "\\")
        text[1] = UInt8(ascii: "x")
        for (offset, byte) in value.enumerated() {
            text[2 + offset * 2] = hexDigits[Int(byte >> 4)]
            text[3 + offset * 2] = hexDigits[Int(byte & 0x0F)]
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// `nil` where the date is out of range (the encoder throws).
    static func date(_ value: Date) -> String? {
        let micros = (value.timeIntervalSince1970 * 1_000_000).rounded()
        guard micros.isFinite, abs(micros) < 9.2e18 else { return nil }
        return timestamp(microseconds: Int64(micros))
    }

    static func timestamp(microseconds: Int64) -> String {
        let (seconds, micros) = floorDivide(microseconds, 1_000_000)
        let (days, secondOfDay) = floorDivide(seconds, 86_400)
        let (year, month, day) = civil(fromDays: days)
        let displayYear = year > 0 ? year : 1 - year
        var text = pad(displayYear, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
        text +=
            "T" + pad(secondOfDay / 3600, 2) + ":" + pad(secondOfDay % 3600 / 60, 2) + ":" + pad(secondOfDay % 60, 2)
        text += "." + pad(micros, 6) + "Z"
        return year > 0 ? text : text + " BC"
    }

    /// The old array literal, given each element's old text (`nil` for NULL).
    static func array(_ elements: [String?]) -> String {
        var text = "{"
        for (index, element) in elements.enumerated() {
            if index > 0 { text += "," }
            guard let elementText = element else {
                text += "NULL"
                continue
            }
            text += "\""
            for character in elementText.unicodeScalars {
                if character == "\\" || character == "\"" { text.unicodeScalars.append("\\") }
                text.unicodeScalars.append(character)
            }
            text += "\""
        }
        return text + "}"
    }

    /// The old array parser.
    static func parseArray(_ text: String) -> [String?]? {
        var scalars = Substring(text).unicodeScalars[...]
        if scalars.first == "[", let equals = scalars.firstIndex(of: "=") {
            scalars = scalars[scalars.index(after: equals)...]
        }
        guard scalars.first == "{", scalars.last == "}" else { return nil }
        scalars = scalars.dropFirst().dropLast()
        var items: [String?] = []
        if scalars.isEmpty { return items }
        var iterator = scalars.makeIterator()
        var current = String.UnicodeScalarView()
        var quoted = false
        var wasQuoted = false
        func element(_ scalars: String.UnicodeScalarView, wasQuoted: Bool) -> String? {
            let text = String(scalars)
            return !wasQuoted && text.uppercased() == "NULL" ? nil : text
        }
        while let scalar = iterator.next() {
            switch scalar {
            case "\\":
                guard let escaped = iterator.next() else { return nil }
                current.append(escaped)
            case "\"":
                quoted.toggle()
                wasQuoted = true
            case "{" where !quoted, "}" where !quoted:
                return nil
            case "," where !quoted:
                items.append(element(current, wasQuoted: wasQuoted))
                current = String.UnicodeScalarView()
                wasQuoted = false
            default:
                current.append(scalar)
            }
        }
        guard !quoted else { return nil }
        items.append(element(current, wasQuoted: wasQuoted))
        return items
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
        let remainder = value % divisor
        return remainder < 0 ? (value / divisor - 1, remainder + divisor) : (value / divisor, remainder)
    }

    private static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}

/// Deterministic random values for the encoding tests (SplitMix64), so a failure repeats.
struct SampleGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Characters that matter to array literals, whitespace, and text outside ASCII.
    static let alphabet: [String] = [
        "a", "Z", "0", " ", "\t", "\n", "\r", "\"", "\\", "{", "}", ",", "N", "U", "L", "l", "'", "=", "[", "]",
        ":", "ư", "ờ", "ng", "🦊", "e\u{301}", "\u{7F}", "\u{1}", "ſ", "ı", "\u{FEFF}",
    ]

    /// A string of 0...12 characters drawn mostly from `alphabet`; sometimes `NULL`-like.
    mutating func string() -> String {
        switch Int.random(in: 0..<12, using: &self) {
        case 0: return ""
        case 1: return ["NULL", "null", "NuLl", " NULL", "NULL ", "\"NULL\""].randomElement(using: &self)!
        default:
            let length = Int.random(in: 1...12, using: &self)
            return (0..<length).map { _ in Self.alphabet.randomElement(using: &self)! }.joined()
        }
    }

    mutating func uuid() -> UUID {
        var bytes: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &bytes) { buffer in
            for index in buffer.indices { buffer[index] = UInt8.random(in: 0...255, using: &self) }
        }
        return UUID(uuid: bytes)
    }

    /// Microseconds within PostgreSQL's timestamptz range (4713 BC to 294276 AD), often near now.
    mutating func microseconds() -> Int64 {
        switch Int.random(in: 0..<4, using: &self) {
        case 0: return Int64.random(in: -210_866_803_200_000_000...9_199_999_999_999_999_999, using: &self)
        case 1: return Int64.random(in: -62_135_596_800_000_000 ... -62_135_596_700_000_000, using: &self)
        default: return Int64.random(in: 1_700_000_000_000_000...1_900_000_000_000_000, using: &self)
        }
    }

    mutating func bytes() -> Data {
        Data((0..<Int.random(in: 0...40, using: &self)).map { _ in UInt8.random(in: 0...255, using: &self) })
    }

    mutating func double() -> Double {
        switch Int.random(in: 0..<6, using: &self) {
        case 0:
            return [.nan, .infinity, -.infinity, 0, -0.0, .leastNonzeroMagnitude, .greatestFiniteMagnitude]
                .randomElement(using: &self)!
        case 1: return Double(Int64.random(in: -1_000_000...1_000_000, using: &self))
        default: return Double(bitPattern: next())
        }
    }
}
