import Foundation
import Testing
import WatchpostCore

@testable import WatchpostPresentation

/// The pages' templates escape by construction: every template parses, none writes unescaped
/// text, every label it names is in the vocabulary table in both languages, and a value that
/// tries to break out of its element or attribute (with a combining mark, a zero-width joiner or
/// a variation selector glued to the special character, issue 26) stays text.
struct HTMLTemplateTests {
    @Test func everyTemplateParses() throws {
        try HTMLTemplates.check()
        #expect(try HTMLTemplates.sources.count >= 10)
    }

    @Test func noTemplateWritesUnescapedText() throws {
        for (name, source) in try HTMLTemplates.sources {
            #expect(!source.contains("{{{"), "\(name) uses {{{…}}}")
            #expect(source.range(of: #"\{\{\s*&"#, options: .regularExpression) == nil, "\(name) uses {{&…}}")
            #expect(!source.contains("{{="), "\(name) changes the delimiters, which hides tags from this check")
        }
    }

    @Test func everyLabelATemplateNamesIsInTheTableInBothLanguages() throws {
        var named = 0
        for (name, source) in try HTMLTemplates.sources {
            let pattern = try Regex(#"\{\{[#^/]?\s*l\.([A-Za-z]+)\.([A-Za-z_.]+)\s*\}\}"#)
            for match in source.matches(of: pattern) {
                let section = String(match.output[1].substring ?? "")
                let key = String(match.output[2].substring ?? "")
                let label = Labels.table[section]?[key]
                #expect(label != nil, "\(name) names l.\(section).\(key), which the table lacks")
                #expect(label.map { !$0.vi.isEmpty && !$0.en.isEmpty } ?? true, "l.\(section).\(key) is empty")
                named += 1
            }
        }
        #expect(named > 50)
    }

    @Test(
        "a hostile value stays text in element content and in a quoted attribute",
        arguments: ["\u{0301}", "\u{200D}", "\u{FE0F}"]
    )
    func hostileValuesStayText(joiner: String) throws {
        let hostile = "x\"\(joiner) onmouseover=alert(1) '\(joiner)<\(joiner)script\(joiner)>&\(joiner)amp;"
        let html = try PageDocument.render(
            PageFrame(title: hostile, locale: .vi, account: PageAccount(name: hostile, csrf: hostile)),
            template: "sign-in-sent",
            page: SignInSentView(typed: hostile, lang: "", problem: hostile)
        )
        #expect(!html.contains("<\(joiner)script"), "\(html)")
        #expect(!html.unicodeScalars.contains { $0 == "'" }, "a raw ' is left")
        // The value of the hidden field: nothing but the escaped text between its quotes.
        let field = #"name="officer" value="x&quot;\#(joiner) onmouseover=alert(1) &#39;\#(joiner)&lt;"#
        #expect(Self.contains(html, field), "\(html)")
        #expect(Self.contains(html, "&amp;\(joiner)amp;"))
    }

    @Test func theTableHasBothLanguagesForEveryLabel() {
        for (section, labels) in Labels.table {
            for (key, label) in labels {
                #expect(!label.vi.isEmpty && !label.en.isEmpty, "\(section).\(key)")
            }
        }
    }

    /// Whether `text` holds `part`, scalar by scalar: `String.contains` compares characters, and a
    /// combining mark makes `;` and the mark one character.
    static func contains(_ text: String, _ part: String) -> Bool {
        let text = Array(text.unicodeScalars)
        let part = Array(part.unicodeScalars)
        guard part.count <= text.count else { return false }
        return (0...(text.count - part.count)).contains { text[$0..<($0 + part.count)].elementsEqual(part) }
    }
}
