import Testing
import WatchpostCore

/// `HTML.escape` leaves no character an HTML parser treats as markup, even when a combining mark,
/// a zero-width joiner or a variation selector follows it and makes one Swift `Character` of both.
@Suite("HTML escaping")
struct HTMLEscapeTests {
    static let specials: [(raw: Unicode.Scalar, reference: String)] = [
        ("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("\"", "&quot;"), ("'", "&#39;"),
    ]
    /// COMBINING ACUTE ACCENT, ZERO WIDTH JOINER, VARIATION SELECTOR-16.
    static let joiners: [Unicode.Scalar] = ["\u{0301}", "\u{200D}", "\u{FE0F}"]

    @Test("a special character followed by a combining mark, ZWJ or VS16 is still escaped", arguments: joiners)
    func specialsFollowedByJoinersAreEscaped(joiner: Unicode.Scalar) {
        for special in Self.specials {
            var text = String.UnicodeScalarView()
            text.append(contentsOf: "a".unicodeScalars)
            text.append(special.raw)
            text.append(joiner)
            text.append(contentsOf: "b".unicodeScalars)
            let escaped = HTML.escape(String(text))
            #expect(escaped == "a" + special.reference + String(Character(joiner)) + "b")
        }
    }

    @Test("an attribute-breaking URL cannot leave its quoted attribute")
    func attributeBreakingURLStaysInside() {
        let url = "https://example.com/a\"\u{0301}/referrerpolicy=unsafe-url>\u{0301}<b\u{FE0F}>"
        let escaped = HTML.escape(url)
        #expect(!escaped.unicodeScalars.contains { ["\"", "<", ">", "'"].contains($0) })
        #expect(escaped.contains("&quot;\u{0301}"))
    }

    @Test("Vietnamese text keeps its diacritics, composed or decomposed")
    func vietnameseIsUnchanged() {
        let composed = "Xác nhận đã tiếp nhận sự việc"
        let decomposed = "Xa\u{0301}c nhâ\u{0323}n"
        #expect(HTML.escape(composed) == composed)
        #expect(HTML.escape(decomposed).unicodeScalars.elementsEqual(decomposed.unicodeScalars))
    }
}
