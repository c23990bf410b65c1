import Foundation

/// Measures, and where needed shortens, the text of an SMS.
///
/// An SMS is GSM-7 encoded when every character is in the GSM 03.38 alphabet: 160 characters
/// fit in one message, 153 per segment when it is split (extension characters such as `€`,
/// `[` or `{` count twice). Any other character, Vietnamese letters with diacritics among
/// them, forces UCS-2: 70 characters in one message, 67 per segment. Segments are counted
/// the way phones join them: an extension character or a surrogate pair is never split.
public enum SMSText {
    /// The two encodings an SMS text can use.
    public enum Encoding: String, Sendable, Hashable {
        /// 7-bit GSM default alphabet.
        case gsm7
        /// UTF-16 (UCS-2) code units.
        case ucs2
    }

    /// The encoding `text` needs.
    public static func encoding(of text: String) -> Encoding {
        text.unicodeScalars.allSatisfy { GSM7Alphabet.septets($0) != nil } ? .gsm7 : .ucs2
    }

    /// How many SMS segments `text` takes (1 for an empty text).
    public static func segmentCount(_ text: String) -> Int {
        let costs: [Int]
        let single: Int
        let perSegment: Int
        switch encoding(of: text) {
        case .gsm7:
            costs = text.unicodeScalars.map { GSM7Alphabet.septets($0) ?? 1 }
            (single, perSegment) = (160, 153)
        case .ucs2:
            costs = text.unicodeScalars.map { $0.utf16.count }
            (single, perSegment) = (70, 67)
        }
        if costs.reduce(0, +) <= single { return 1 }
        var segments = 1
        var used = 0
        for cost in costs {
            if used + cost > perSegment {
                segments += 1
                used = 0
            }
            used += cost
        }
        return segments
    }

    /// `text` without Vietnamese (and other) diacritics: `đ`/`Đ` become `d`/`D`, combining
    /// marks are dropped, and typographic quotes, dashes and `…` become their ASCII forms,
    /// so that a Vietnamese text usually fits the GSM alphabet.
    ///
    /// `unaccented("Trường THCS Bình Sơn: bạo lực học đường")` is
    /// `"Truong THCS Binh Son: bao luc hoc duong"`.
    public static func unaccented(_ text: String) -> String {
        var output = String.UnicodeScalarView()
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark { continue }
            if let replacement = asciiReplacements[scalar] {
                output.append(contentsOf: replacement.unicodeScalars)
            } else {
                output.append(scalar)
            }
        }
        return String(output).precomposedStringWithCanonicalMapping
    }

    private static let asciiReplacements: [Unicode.Scalar: String] = [
        "đ": "d", "Đ": "D", "\u{2018}": "'", "\u{2019}": "'", "\u{201C}": "\"", "\u{201D}": "\"",
        "\u{2013}": "-", "\u{2014}": "-", "\u{2026}": "...", "\u{00A0}": " ",
    ]

    /// `facts + link` within `maxSegments`, shortening only `facts`; `link` is the label and URL.
    public static func fit(facts: String, link: String, maxSegments: Int) -> String {
        let budget = max(1, maxSegments)
        if segmentCount(facts + link) <= budget { return facts + link }
        // The label may carry diacritics too; any one of them would force UCS-2 on the whole text.
        let plainLink = unaccented(link)
        let plain = unaccented(facts)
        if segmentCount(plain + plainLink) <= budget { return plain + plainLink }
        var characters = Array(plain)
        while !characters.isEmpty {
            characters.removeLast()
            let candidate = String(characters).trimmingCharacters(in: .whitespaces) + "..." + plainLink
            if segmentCount(candidate) <= budget { return candidate }
        }
        // Not even the link fits the budget; the link matters most.
        return plainLink.trimmingCharacters(in: .whitespaces)
    }
}
