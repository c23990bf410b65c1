import Foundation
import HTTPTypes
import Hummingbird
import WatchpostCore
import WatchpostPresentation

/// A text in both languages of the pages.
struct Bilingual: Sendable {
    var vi: String
    var en: String

    /// The text in `locale`.
    func callAsFunction(_ locale: DisplayLocale) -> String { locale == .vi ? vi : en }
}

/// The identity pages' shared pieces: a notice that says what happened and why in the reader's
/// language first and in the other one after it, and the `?lang=` a form keeps.
enum IdentityPage {
    /// A page whose body is `text` in both languages (the reader's first), then `extra` HTML.
    static func notice(
        title: Bilingual,
        text: Bilingual,
        locale: DisplayLocale,
        status: HTTPResponse.Status,
        extra: String = "",
        principal: Principal? = nil
    ) -> Response {
        let other: DisplayLocale = locale == .vi ? .en : .vi
        let body = """
            <p class="notice">\(HTML.escape(text(locale)))</p>
            <p class="notice other" lang="\(other.rawValue)"><strong>\(HTML.escape(title(other)))</strong>: \(HTML.escape(text(other)))</p>
            \(extra)
            """
        return Page(title: title(locale), locale: locale, body: body, principal: principal, status: status).response()
    }

    /// `?lang=xx` when the request chose its language explicitly, so a form's answer keeps it.
    static func languageQuery(_ request: Request) -> String {
        guard let lang = request.uri.queryParameters.get("lang"), DisplayLocale(rawValue: lang) != nil else {
            return ""
        }
        return "?lang=\(lang)"
    }
}
