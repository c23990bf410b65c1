import WatchpostCore

/// One label in both languages, Vietnamese first (docs/glossary.md's words).
public struct Label: Sendable, Hashable {
    /// Vietnamese.
    public let vi: String
    /// English.
    public let en: String

    /// A label.
    public init(_ vi: String, _ en: String) {
        self.vi = vi
        self.en = en
    }

    /// A label, its languages named: for a sentence built around a value.
    public init(vi: String, en: String) {
        self.init(vi, en)
    }

    /// The label in `locale`.
    public func callAsFunction(_ locale: DisplayLocale) -> String { locale == .vi ? vi : en }
}

extension Labels {
    /// The table in `locale`, as templates read it: `{{l.section.key}}`.
    static func strings(_ locale: DisplayLocale) -> [String: [String: String]] {
        locale == .vi ? vi : en
    }

    private static let vi = table.mapValues { $0.mapValues(\.vi) }
    private static let en = table.mapValues { $0.mapValues(\.en) }

    /// The label `key` of `section`; a missing one is a programming error that
    /// `HTMLTemplateTests` catches for templates and the page tests for code.
    public static func label(_ section: String, _ key: String) -> Label {
        table[section]?[key] ?? Label("\(section).\(key)", "\(section).\(key)")
    }
}

extension DisplayLocale {
    /// `vi` or `en`, whichever is this locale's: for a sentence built around a number or a
    /// name, where a fixed label (`Labels`) cannot serve.
    public func text(_ vi: String, _ en: String) -> String { self == .vi ? vi : en }
}
