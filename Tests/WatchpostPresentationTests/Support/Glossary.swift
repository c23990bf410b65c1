import Foundation
import Testing

/// The marked tables of `docs/glossary.md`: the labels the alerts must use and the terms no
/// user-facing Vietnamese text may contain. Read from the file so the glossary stays the one
/// place where wording is decided.
struct Glossary {
    /// A rejected term and the whole-word, case-insensitive pattern that finds it.
    struct Rejected {
        var term: String
        var pattern: NSRegularExpression
    }

    /// Rejected terms, in the glossary's order.
    var rejected: [Rejected]
    /// Code value (`notify_police`) → its Vietnamese and English label.
    var labels: [String: (vi: String, en: String)]

    /// The repository: `WATCHPOST_ROOT` (set by `scripts/test`), else found from this file.
    static let root: URL =
        ProcessInfo.processInfo.environment["WATCHPOST_ROOT"].map { URL(fileURLWithPath: $0) }
        ?? URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func load() throws -> Glossary {
        let text = try String(contentsOf: root.appendingPathComponent("docs/glossary.md"), encoding: .utf8)
        let rejected = try rows(of: "rejected", in: text).map { cells in
            let term = unquoted(cells[0])
            let escaped = NSRegularExpression.escapedPattern(for: term)
                .replacingOccurrences(of: "<số>", with: "[0-9]+")
            let pattern = try NSRegularExpression(
                pattern: "(?<![\\p{L}\\p{N}])\(escaped)(?![\\p{L}\\p{N}])",
                options: [.caseInsensitive]
            )
            return Rejected(term: term, pattern: pattern)
        }
        var labels: [String: (vi: String, en: String)] = [:]
        for cells in try rows(of: "labels", in: text) {
            labels[unquoted(cells[0])] = (cells[1], cells[2])
        }
        return Glossary(rejected: rejected, labels: labels)
    }

    /// The rejected terms `text` contains, each with a few words around it.
    func violations(in text: String) -> [String] {
        let range = NSRange(text.startIndex..., in: text)
        return rejected.flatMap { entry in
            entry.pattern.matches(in: text, range: range).map { match in
                let found = Range(match.range, in: text).map { String(text[$0]) } ?? entry.term
                return "`\(found)` (rejected: \(entry.term)) in: \(Self.excerpt(text, around: match.range))"
            }
        }
    }

    /// The body rows of the table between `<!-- glossary:NAME` and `<!-- /glossary:NAME -->`.
    private static func rows(of name: String, in text: String) throws -> [[String]] {
        let lines = text.components(separatedBy: "\n")
        let start = try #require(lines.firstIndex { $0.hasPrefix("<!-- glossary:\(name)") }, "no table \(name)")
        let end = try #require(lines.firstIndex { $0.hasPrefix("<!-- /glossary:\(name)") }, "table \(name) not closed")
        let table = lines[(start + 1)..<end].filter { $0.hasPrefix("|") }.dropFirst(2)
        let rows = table.map { line in
            line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
                .map { $0.trimmingCharacters(in: .whitespaces) }
        }
        try #require(!rows.isEmpty && rows.allSatisfy { $0.count >= 3 }, "table \(name) is malformed")
        return rows
    }

    private static func unquoted(_ cell: String) -> String {
        cell.trimmingCharacters(in: CharacterSet(charactersIn: "`"))
    }

    private static func excerpt(_ text: String, around range: NSRange) -> String {
        let nsText = text as NSString
        let from = max(0, range.location - 40)
        let to = min(nsText.length, range.location + range.length + 40)
        return nsText.substring(with: NSRange(location: from, length: to - from))
            .replacingOccurrences(of: "\n", with: " ")
    }
}
