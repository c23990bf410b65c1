import WatchpostCore

/// The sign-in form (`sign-in.mustache`): who are you?
public struct SignInFormView: Sendable {
    struct Language: Sendable {
        let code: String
        let name: String
    }

    let problem: String?
    let lang: String
    let other: Language

    /// The form in `locale`; `lang` is the `?lang=` its answer keeps; `problem` says what was
    /// wrong with the last answer.
    public init(locale: DisplayLocale, lang: String, problem: String?) {
        self.problem = problem
        self.lang = lang
        other = locale == .vi ? Language(code: "en", name: "English") : Language(code: "vi", name: "Tiếng Việt")
    }
}

/// The neutral "check your messages" page with the code form (`sign-in-sent.mustache`).
public struct SignInSentView: Sendable {
    let problem: String?
    let lang: String
    let typed: String

    /// The page after `typed` was sent; `problem` says what was wrong with the last code.
    public init(typed: String, lang: String, problem: String?) {
        self.problem = problem
        self.lang = lang
        self.typed = typed
    }
}

/// The one-button confirmation of a sign-in link (`sign-in-link.mustache`): the link is used
/// only when the button is pressed, because mail scanners follow links but never forms.
public struct SignInLinkView: Sendable {
    let lang: String
    let token: String

    /// The confirmation of the link carrying `token`.
    public init(token: String, lang: String) {
        self.lang = lang
        self.token = token
    }
}

/// A notice (`notice.mustache`): what happened and why in the reader's language, then in the
/// other one, and a link onwards.
public struct NoticeView: Sendable {
    struct Link: Sendable {
        let href: String
        let text: String
    }

    let text: String
    let otherLang: String
    let otherTitle: String
    let otherText: String
    let back: Link?

    /// The notice `title`: `text` in `locale`, then both in the other language; `back` is a
    /// link (path, words) onwards.
    public init(title: Label, text: Label, locale: DisplayLocale, back: (href: String, text: Label)? = nil) {
        let other: DisplayLocale = locale == .vi ? .en : .vi
        self.text = text(locale)
        otherLang = other.rawValue
        otherTitle = title(other)
        otherText = text(other)
        self.back = back.map { Link(href: $0.href, text: $0.text(locale)) }
    }
}

/// The acknowledge link's page (`acknowledge.mustache`): what the incident is, and one button.
/// No reported URL and no free text is shown: a link can be forwarded, and either could name a
/// child.
public struct AcknowledgeView: Sendable {
    struct Fact: Sendable {
        let label: String
        let value: String
    }

    struct Hidden: Sendable {
        let name: String
        let value: String
    }

    let intro: String
    let facts: [Fact]
    let hidden: [Hidden]
    let lang: String

    /// The page for `officer` about an incident described by `facts` (label, value); `hidden`
    /// are the link's fields (name, value) the button sends back.
    public init(
        officer: String,
        facts: [(Label, String)],
        hidden: [(String, String)],
        locale: DisplayLocale,
        lang: String
    ) {
        intro = locale.text(
            "Kính gửi đồng chí \(officer): đề nghị đồng chí bấm nút dưới đây để xác nhận đã nhận thông tin và chịu trách nhiệm xử lý sự việc này.",
            "Dear \(officer): press the button to confirm that you have received this incident and take charge of it."
        )
        self.facts = facts.map { Fact(label: $0.0(locale), value: $0.1) }
        self.hidden = hidden.map { Hidden(name: $0.0, value: $0.1) }
        self.lang = lang
    }
}
