import Foundation

/// Finds link-like text in a summary so that an alert can hide it (D14: messages carry roles
/// and facts, not links). A word counts as a link when it has a scheme (`…://`, `mailto:`),
/// starts with `www.`, is an e-mail address, or is a host name (`bit.ly/x`, `evil.com`,
/// `1.2.3.4/login`): dot-separated labels whose last label is a common or two-letter top-level
/// domain, or any host followed by a path. Dots written as `[.]`, `(.)`, `．` or `。` count as
/// dots, and invisible format characters (zero-width space, joiners) are ignored, since a mail
/// or chat client may still turn such text into a link. Abbreviations such as `TP.HCM` or `v.v.`
/// stay as written.
enum SummaryLinks {
    /// `text` with every link-like word replaced by `marker`; the punctuation around it and the
    /// spacing of the text are kept.
    static func hiding(in text: String, marker: String) -> String {
        var result = ""
        var word = ""
        for character in text {
            if character.isWhitespace {
                result += replaced(word, marker: marker) + String(character)
                word = ""
            } else {
                word.append(character)
            }
        }
        return result + replaced(word, marker: marker)
    }

    private static let leading: Set<Character> = ["(", "[", "{", "<", "\"", "'", "«", "“", "‘", "„"]
    private static let trailing: Set<Character> = [
        ".", ",", ";", ":", "!", "?", ")", "]", "}", ">", "\"", "'", "»", "”", "’", "…",
    ]

    private static func replaced(_ word: String, marker: String) -> String {
        guard !word.isEmpty else { return word }
        var core = Substring(word)
        var prefix = ""
        var suffix = ""
        // A link never starts or ends with these; hiding the link keeps them.
        while let first = core.first, leading.contains(first) {
            prefix.append(first)
            core = core.dropFirst()
        }
        while let last = core.last, trailing.contains(last) {
            suffix.insert(last, at: suffix.startIndex)
            core = core.dropLast()
        }
        return isLink(core) ? prefix + marker + suffix : word
    }

    /// Whether `word` (punctuation around it removed) reads as a link.
    static func isLink(_ word: Substring) -> Bool {
        let plain = normalised(word)
        guard !plain.isEmpty else { return false }
        if plain.contains("://") || plain.hasPrefix("www.") || plain.hasPrefix("mailto:") { return true }
        var rest = Substring(plain)
        if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        let hostEnd = rest.firstIndex { "/?#:".contains($0) } ?? rest.endIndex
        let host = rest[..<hostEnd]
        let hasPath = hostEnd != rest.endIndex && rest[hostEnd] == "/"
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy(isLabel) else { return false }
        if labels.count == 4, labels.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) {
            return true  // an IPv4 address
        }
        let top = labels[labels.count - 1]
        guard top.count >= 2, top.allSatisfy({ $0.isLetter }) || top.hasPrefix("xn--") else { return false }
        return hasPath || plain.contains("@") || top.hasPrefix("xn--")
            || (top.allSatisfy(\.isASCII) && (top.count == 2 || topLevelDomains.contains(String(top))))
    }

    /// Lowercased, format characters removed, written-out dots turned into dots.
    private static func normalised(_ word: Substring) -> String {
        var text = String(
            String.UnicodeScalarView(word.unicodeScalars.filter { $0.properties.generalCategory != .format })
        )
        text = text.lowercased()
        for dot in ["[.]", "(.)", "{.}", "[dot]", "(dot)", "．", "。", "｡"] {
            text = text.replacingOccurrences(of: dot, with: ".")
        }
        return text
    }

    private static func isLabel(_ label: Substring) -> Bool {
        !label.isEmpty && label.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
    }

    /// Top-level domains longer than two letters that links in messages commonly use; two-letter
    /// country domains all count.
    private static let topLevelDomains: Set<String> = [
        "com", "net", "org", "info", "biz", "xyz", "top", "online", "site", "club", "shop", "store", "app", "dev",
        "link", "click", "live", "life", "news", "blog", "website", "space", "tech", "pro", "asia", "mobi", "name",
        "vip", "win", "bid", "loan", "work", "today", "world", "fun", "icu", "cyou", "buzz", "rest", "fit", "ink",
        "page", "cloud", "digital", "email", "gov", "edu", "mil", "int", "one", "lol", "monster", "sbs", "cfd",
        "bond", "help", "support", "services", "social", "video", "media", "group", "company", "network",
    ]
}
