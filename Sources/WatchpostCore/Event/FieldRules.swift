import Foundation

/// Checks one JSON value against one field rule, logging a problem and returning nil when it fails.
public enum FieldRules {
    /// Checks a value found at a path; logs and returns nil when it fails.
    typealias Rule<Value> = (JSONValue, String, inout ProblemLog) -> Value?

    static func string(_ value: JSONValue, _ path: String, _ log: inout ProblemLog) -> String? {
        guard case let .string(text) = value else {
            log.add(path, .wrongType, "must be a string, not \(value.kindDescription)")
            return nil
        }
        return text
    }

    /// Free text or an identifier: NFC-normalised, trimmed, non-empty, within `maxLength`.
    /// Single-line text allows no control characters; multi-line text allows tab, LF and CR.
    static func text(
        _ value: JSONValue,
        _ path: String,
        maxLength: Int,
        multiline: Bool = false,
        _ log: inout ProblemLog
    ) -> String? {
        guard let raw = string(value, path, &log) else { return nil }
        let text = raw.precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else {
            log.add(path, .empty, "must not be empty or only whitespace")
            return nil
        }
        let length = text.unicodeScalars.count
        guard length <= maxLength else {
            log.add(path, .tooLong, "is \(length) characters long; the limit is \(maxLength)")
            return nil
        }
        let allowed: Set<Unicode.Scalar> = multiline ? ["\t", "\n", "\r"] : []
        if let bad = text.unicodeScalars.first(where: {
            $0.properties.generalCategory == .control && !allowed.contains($0)
        }) {
            log.add(path, .forbiddenCharacter, "contains the control character U+\(String(format: "%04X", bad.value))")
            return nil
        }
        return text
    }

    /// A rule for a value of a closed vocabulary, matched exactly (case-sensitive, no trimming).
    static func word<Word: RawRepresentable & CaseIterable>(_ type: Word.Type) -> Rule<Word>
    where Word.RawValue == String {
        { value, path, log in word(value, path, type, &log) }
    }

    /// A rule for free text; see `text(_:_:maxLength:multiline:_:)`.
    static func text(maxLength: Int, multiline: Bool = false) -> Rule<String> {
        { value, path, log in text(value, path, maxLength: maxLength, multiline: multiline, &log) }
    }

    private static func word<Word: RawRepresentable & CaseIterable>(
        _ value: JSONValue,
        _ path: String,
        _ type: Word.Type,
        _ log: inout ProblemLog
    ) -> Word? where Word.RawValue == String {
        guard let raw = string(value, path, &log) else { return nil }
        guard let word = Word(rawValue: raw) else {
            let allowed = Word.allCases.map(\.rawValue).joined(separator: ", ")
            log.add(path, .unknownValue, "\(FieldPath.quoted(raw)) is not one of: \(allowed)")
            return nil
        }
        return word
    }

    static func uuid(_ value: JSONValue, _ path: String, _ log: inout ProblemLog) -> UUID? {
        guard let raw = string(value, path, &log) else { return nil }
        guard let id = UUID(strictString: raw), id != UUID.nilUUID else {
            log.add(path, .invalidUUID, "\(FieldPath.quoted(raw)) is not a UUID (8-4-4-4-12 hex digits, not all zero)")
            return nil
        }
        return id
    }

    /// A JSON integer written without fraction or exponent; `true`, `"1"` and `1.0` are wrong types.
    static func integer(_ value: JSONValue, _ path: String, _ log: inout ProblemLog) -> Int? {
        guard case let .number(raw) = value, !raw.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) else {
            log.add(path, .wrongType, "must be an integer, not \(value.kindDescription)")
            return nil
        }
        guard let number = Int(raw) else {
            log.add(path, .outOfRange, "is too large")
            return nil
        }
        return number
    }

    /// An absolute http/https link, trimmed and NFC-normalised, at most `EventLimits.url` characters.
    static func url(_ value: JSONValue, _ path: String, _ log: inout ProblemLog) -> String? {
        guard let raw = string(value, path, &log) else { return nil }
        let text = raw.precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else {
            log.add(path, .empty, "must not be empty")
            return nil
        }
        guard text.unicodeScalars.count <= EventLimits.url else {
            log.add(path, .tooLong, "is \(text.unicodeScalars.count) characters long; the limit is \(EventLimits.url)")
            return nil
        }
        if case let .failure(rejection) = WebURL.parse(text) {
            log.add(path, .invalidURL, rejection.reason)
            return nil
        }
        return text
    }

    /// A rule for an array of `count` elements, each checked by `element`.
    static func list<Element>(count: ClosedRange<Int>, of element: @escaping Rule<Element>) -> Rule<[Element]> {
        { value, path, log in list(value, path, count: count, &log, element: element) }
    }

    /// An array of `count` elements, each checked by `element`; nil if the array or any element fails.
    static func list<Element>(
        _ value: JSONValue,
        _ path: String,
        count: ClosedRange<Int>,
        _ log: inout ProblemLog,
        element: Rule<Element>
    ) -> [Element]? {
        guard case let .array(items) = value else {
            log.add(path, .wrongType, "must be an array, not \(value.kindDescription)")
            return nil
        }
        if items.count < count.lowerBound {
            log.add(path, .empty, "must have at least \(count.lowerBound) item\(count.lowerBound == 1 ? "" : "s")")
            return nil
        }
        if items.count > count.upperBound {
            log.add(path, .tooLong, "has \(items.count) items; the limit is \(count.upperBound)")
            return nil
        }
        var result: [Element] = []
        var failed = false
        for (index, item) in items.enumerated() {
            if let checked = element(item, FieldPath.element(index, of: path), &log) {
                result.append(checked)
            } else {
                failed = true
            }
        }
        return failed ? nil : result
    }
}

extension UUID {
    /// The nil UUID (all zero), which is never a valid id.
    fileprivate static let nilUUID = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
}

extension FieldRules {
    /// Free text from outside an event (a form, an API body), checked as event text is: the
    /// text NFC-normalised and trimmed, and the problem naming `path` and the reason when it is
    /// not valid (the text is then nil).
    public static func text(_ raw: String, path: String, maxLength: Int) -> (text: String?, problem: EventProblem?) {
        var log = ProblemLog()
        let text = text(.string(raw), path, maxLength: maxLength, &log)
        return (text, log.problems.first)
    }
}
