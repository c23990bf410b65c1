extension SMSText {
    /// A text made to fit a segment budget, and what was done to it.
    public struct Fitted: Sendable, Hashable {
        /// The text to send.
        public var text: String
        /// Its encoding.
        public var encoding: Encoding
        /// Its number of segments, at most the budget.
        public var segments: Int
        /// Whether diacritics were removed to make it fit.
        public var isUnaccented: Bool
        /// Whether it was shortened (it then ends with an ellipsis).
        public var isTruncated: Bool

        /// Creates a description of a fitted text.
        public init(text: String, encoding: Encoding, segments: Int, isUnaccented: Bool, isTruncated: Bool) {
            self.text = text
            self.encoding = encoding
            self.segments = segments
            self.isUnaccented = isUnaccented
            self.isTruncated = isTruncated
        }
    }

    /// Makes `text` fit in `maxSegments` segments (at least 1).
    ///
    /// In order: the text as it is, when it fits; else, when allowed, the unaccented text
    /// (GSM-7 carries more than twice as many characters per segment); else the longest
    /// prefix of whole characters that fits with an ellipsis appended — `...` in GSM-7 (the
    /// GSM alphabet has no `…`, which would force UCS-2) and `…` in UCS-2.
    public static func fit(_ text: String, maxSegments: Int, allowUnaccentedFallback: Bool) -> Fitted {
        let budget = max(1, maxSegments)
        if segmentCount(text) <= budget {
            return fitted(text, unaccented: false, truncated: false)
        }
        var candidate = text
        var isUnaccented = false
        if allowUnaccentedFallback {
            candidate = unaccented(text)
            isUnaccented = candidate != text
            if segmentCount(candidate) <= budget {
                return fitted(candidate, unaccented: true, truncated: false)
            }
        }
        let characters = Array(candidate)
        // No prefix longer than the GSM-7 capacity can fit; start there and walk down.
        var length = min(characters.count, budget * 160)
        while length > 0 {
            let prefix = String(characters[..<length]).trimmingTrailingWhitespace()
            let ellipsis = encoding(of: prefix) == .gsm7 ? "..." : "…"
            if segmentCount(prefix + ellipsis) <= budget {
                return fitted(prefix + ellipsis, unaccented: isUnaccented, truncated: true)
            }
            length -= 1
        }
        return fitted("...", unaccented: isUnaccented, truncated: true)
    }

    private static func fitted(_ text: String, unaccented: Bool, truncated: Bool) -> Fitted {
        Fitted(
            text: text,
            encoding: encoding(of: text),
            segments: segmentCount(text),
            isUnaccented: unaccented,
            isTruncated: truncated
        )
    }
}

extension String {
    fileprivate func trimmingTrailingWhitespace() -> String {
        var result = self
        while let last = result.last, last.isWhitespace { result.removeLast() }
        return result
    }
}
