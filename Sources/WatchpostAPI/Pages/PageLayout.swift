import Foundation
import HTTPTypes
import Hummingbird
import WatchpostCore

/// A server-rendered page: Vietnamese first, English second, usable on a phone, no script.
/// Styles come from `/static/watchpost.css` only (the content-security policy forbids inline
/// styles and every script).
///
/// The referrer policy is `same-origin`, not `no-referrer`: under `no-referrer` browsers send
/// `Origin: null` with a form, which the CSRF origin check must refuse; `same-origin` still
/// keeps an incident's URL from every other site.
struct Page {
    /// The title, already in the page's language.
    var title: String
    /// The page's language.
    var locale: DisplayLocale
    /// The body HTML (escaped by the caller with `HTML.escape`).
    var body: String
    /// The caller, for the header (name, sign-out form).
    var principal: Principal? = nil
    /// The status.
    var status: HTTPResponse.Status = .ok
    /// The links of the navigation bar; `nil` shows only "Việc của tôi" to a signed-in officer.
    var navigation: [PageLink]? = nil
    /// The path of the page, to mark its link in the navigation as the current one.
    var currentPath: String? = nil

    /// The complete document.
    func response() -> Response {
        Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: document))
        )
    }

    /// The HTML text of the page.
    var document: String {
        let skip = locale.text("Bỏ qua, tới nội dung chính", "Skip to the main content")
        let other: DisplayLocale = locale == .vi ? .en : .vi
        let otherName = other == .vi ? "Tiếng Việt" : "English"
        return """
            <!DOCTYPE html>
            <html lang="\(locale.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="referrer" content="same-origin">
            <title>\(HTML.escape(title)) · Watchpost</title>
            <link rel="stylesheet" href="/static/watchpost.css">
            <link rel="icon" href="data:,">
            </head>
            <body>
            <a class="skip" href="#main">\(skip)</a>
            <header class="bar">
            <div class="bar-inner"><a class="brand" href="/me">Watchpost</a>\(account)\
            <a class="lang" href="?lang=\(other.rawValue)" hreflang="\(other.rawValue)" lang="\(other.rawValue)">\(otherName)</a></div>
            \(navigationHTML)
            </header>
            <main id="main">
            <h1>\(HTML.escape(title))</h1>
            \(body)
            </main>
            <footer class="footer">\(locale.text(
                "Watchpost · Giờ hiển thị theo giờ Việt Nam (UTC+7)",
                "Watchpost · Times are Vietnam time (UTC+7)"))</footer>
            </body>
            </html>
            """
    }

    private var navigationHTML: String {
        guard principal?.officer != nil else { return "" }
        let links = navigation ?? [PageLink(path: "/me", title: locale.text("Việc của tôi", "My tasks"))]
        guard !links.isEmpty else { return "" }
        let items = links.map { link in
            let current = link.path == currentPath ? " aria-current=\"page\"" : ""
            return "<a href=\"\(HTML.escape(link.path))\"\(current)>\(HTML.escape(link.title))</a>"
        }
        let label = locale.text("Các trang", "Pages")
        return "<nav class=\"nav\" aria-label=\"\(label)\">\(items.joined())</nav>"
    }

    private var account: String {
        guard let officer = principal?.officer else { return "" }
        let csrf: String
        if case .officer(_, .session(let token)) = principal { csrf = token } else { csrf = "" }
        let signOut = locale.text("Đăng xuất", "Sign out")
        let form =
            csrf.isEmpty
            ? ""
            : """
            <form method="post" action="/sign-out" class="inline"><input type="hidden" name="csrf" value="\(HTML.escape(csrf))">\
            <button type="submit" class="link">\(signOut)</button></form>
            """
        return "<span class=\"who\">\(HTML.escape(officer.name))</span>\(form)"
    }
}

/// One link of the navigation bar.
struct PageLink: Sendable, Hashable {
    /// Where it goes.
    var path: String
    /// Its text, in the page's language.
    var title: String
}

/// Chooses a page's language: `?lang=vi|en`, else the signed-in officer's locale, else the
/// `Accept-Language` header's first of vi/en, else Vietnamese.
enum PageLocale {
    static func resolve(_ request: Request, principal: Principal?) -> DisplayLocale {
        if let lang = request.uri.queryParameters.get("lang"), let locale = DisplayLocale(rawValue: lang) {
            return locale
        }
        if let officer = principal?.officer { return officer.locale }
        if let accept = request.headers[.acceptLanguage]?.lowercased() {
            let vi = accept.range(of: "vi")?.lowerBound
            let en = accept.range(of: "en")?.lowerBound
            if let en, vi.map({ en < $0 }) ?? true { return .en }
        }
        return .vi
    }
}

extension DisplayLocale {
    /// `vi` or `en`, whichever is this locale's.
    func text(_ vi: String, _ en: String) -> String { self == .vi ? vi : en }
}
