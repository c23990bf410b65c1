import Foundation
import HTTPTypes
import Hummingbird
import WatchpostCore
import WatchpostPresentation

/// The identity pages' shared pieces: a notice that says what happened and why in the reader's
/// language first and in the other one after it, and the `?lang=` a form keeps.
enum IdentityPage {
    /// A page saying `text` in both languages (the reader's first), then a link `back` (path,
    /// words) onwards.
    static func notice(
        title: Label,
        text: Label,
        locale: DisplayLocale,
        status: HTTPResponse.Status,
        back: (href: String, text: Label)? = nil,
        principal: Principal? = nil
    ) -> Response {
        Page(
            title: title(locale),
            locale: locale,
            template: "notice",
            model: NoticeView(title: title, text: text, locale: locale, back: back),
            principal: principal,
            status: status
        ).response()
    }

    /// `?lang=xx` when the request chose its language explicitly, so a form's answer keeps it.
    static func languageQuery(_ request: Request) -> String {
        guard let lang = request.uri.queryParameters.get("lang"), DisplayLocale(rawValue: lang) != nil else {
            return ""
        }
        return "?lang=\(lang)"
    }
}
