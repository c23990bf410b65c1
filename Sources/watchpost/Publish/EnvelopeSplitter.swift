import WatchpostCore

/// Finds the envelopes in a file: one JSON object (possibly pretty-printed), or one per line.
enum EnvelopeSplitter {
    /// One envelope of a file, with where it came from and how validation went.
    struct Input {
        /// `line N` for JSON Lines input; nil for a single envelope.
        var label: String?
        /// The validation result.
        var result: Result<ValidatedEvent, EventRejection>
    }

    /// Splits `bytes` and validates each part with `validate`.
    ///
    /// The whole input is tried first, so a pretty-printed envelope is one event; only when it
    /// is not JSON at all and spans several lines is it read as JSON Lines. Blank lines are skipped.
    static func split(
        _ bytes: [UInt8],
        validate: (_ envelope: [UInt8]) -> Result<ValidatedEvent, EventRejection>
    ) -> [Input] {
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            .enumerated()
            .map { (number: $0.offset + 1, bytes: Array(trimmed($0.element))) }
            .filter { !$0.bytes.isEmpty }
        if lines.isEmpty { return [] }
        if lines.count == 1 { return [Input(label: nil, result: validate(lines[0].bytes))] }
        let whole = validate(Array(trimmed(bytes[...])))
        if case let .failure(rejection) = whole, rejection.codes == [.notJSON] {
            return lines.map { Input(label: "line \($0.number)", result: validate($0.bytes)) }
        }
        return [Input(label: nil, result: whole)]
    }

    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let blank: Set<UInt8> = [0x20, 0x09, 0x0D, 0x0A]
        guard let first = bytes.firstIndex(where: { !blank.contains($0) }),
            let last = bytes.lastIndex(where: { !blank.contains($0) })
        else { return [] }
        return bytes[first...last]
    }
}
