import WatchpostCore

/// What every page shares: its title and language, the signed-in officer, and the navigation.
public struct PageFrame: Sendable {
    /// The title, already in the page's language.
    public var title: String
    /// The page's language.
    public var locale: DisplayLocale
    /// The signed-in officer shown in the header, or `nil` before sign-in.
    public var account: PageAccount?
    /// The links of the navigation bar (none before sign-in).
    public var navigation: [PageLink]
    /// The path of the page, to mark its link as the current one.
    public var currentPath: String?

    /// A frame.
    public init(
        title: String,
        locale: DisplayLocale,
        account: PageAccount? = nil,
        navigation: [PageLink] = [],
        currentPath: String? = nil
    ) {
        self.title = title
        self.locale = locale
        self.account = account
        self.navigation = navigation
        self.currentPath = currentPath
    }
}

/// The signed-in officer in a page's header.
public struct PageAccount: Sendable {
    /// The officer's name.
    public var name: String
    /// The session's CSRF token for the sign-out form; `nil` for a caller without a session (a
    /// bearer token), who has nothing to sign out of.
    public var csrf: String?

    /// An account.
    public init(name: String, csrf: String?) {
        self.name = name
        self.csrf = csrf
    }
}

/// One link of the navigation bar.
public struct PageLink: Sendable, Hashable {
    /// Where it goes.
    public var path: String
    /// Its text, in the page's language.
    public var title: String

    /// A link.
    public init(path: String, title: String) {
        self.path = path
        self.title = title
    }
}

/// A whole page: `template` filled with `page`, inside the frame of `layout.mustache`.
public enum PageDocument {
    /// The HTML text of the page.
    public static func render(_ frame: PageFrame, template: String, page: Any) throws(HTMLTemplateError) -> String {
        let other: DisplayLocale = frame.locale == .vi ? .en : .vi
        let root = Root(
            l: Labels.strings(frame.locale),
            layout: Layout(
                lang: frame.locale.rawValue,
                title: frame.title,
                account: frame.account,
                other: .init(code: other.rawValue, name: other == .vi ? "Tiếng Việt" : "English"),
                navigation: frame.navigation.isEmpty
                    ? nil
                    : .init(
                        links: frame.navigation.map {
                            .init(path: $0.path, title: $0.title, current: $0.path == frame.currentPath)
                        }
                    )
            ),
            page: page
        )
        return try HTMLTemplates.render(root, template: template)
    }

    /// What a template sees at its root: the labels (`l`), the frame (`layout`) and its own
    /// model (`page`).
    struct Root {
        let l: [String: [String: String]]
        let layout: Layout
        let page: Any
    }

    struct Layout {
        struct Language {
            let code: String
            let name: String
        }
        struct Navigation {
            let links: [Link]
        }
        struct Link {
            let path: String
            let title: String
            let current: Bool
        }
        let lang: String
        let title: String
        let account: PageAccount?
        let other: Language
        let navigation: Navigation?
    }
}
