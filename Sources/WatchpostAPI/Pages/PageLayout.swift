import Foundation
import HTTPTypes
import Hummingbird
import WatchpostCore

/// A server-rendered page: Vietnamese first, English second, usable on a phone, no script.
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

    /// The complete document.
    func response() -> Response {
        let html = """
            <!DOCTYPE html>
            <html lang="\(locale.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTML.escape(title)) · Watchpost</title>
            <link rel="stylesheet" href="/static/watchpost.css">
            </head>
            <body>
            <header class="bar"><a class="brand" href="/me">Watchpost</a>\(header)</header>
            <main>
            <h1>\(HTML.escape(title))</h1>
            \(body)
            </main>
            </body>
            </html>
            """
        return Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: html))
        )
    }

    private var header: String {
        guard let officer = principal?.officer else { return "" }
        let csrf: String
        if case .officer(_, .session(let token)) = principal { csrf = token } else { csrf = "" }
        let signOut = locale == .vi ? "Đăng xuất" : "Sign out"
        return """
            <span class="who">\(HTML.escape(officer.name))</span>\
            <form method="post" action="/sign-out" class="inline"><input type="hidden" name="csrf" value="\(HTML.escape(csrf))">\
            <button type="submit" class="link">\(signOut)</button></form>
            """
    }
}

/// Chooses a page's language: `?lang=vi|en`, else the signed-in officer's locale, else the
/// `Accept-Language` header's first of vi/en, else Vietnamese.
enum PageLocale {
    static func resolve(_ request: Request, principal: Principal?) -> DisplayLocale {
        if let lang = request.uri.queryParameters.get("lang"), let locale = DisplayLocale(rawValue: lang) { return locale }
        if let officer = principal?.officer { return officer.locale }
        if let accept = request.headers[.acceptLanguage]?.lowercased() {
            let vi = accept.range(of: "vi")?.lowerBound
            let en = accept.range(of: "en")?.lowerBound
            if let en, vi.map({ en < $0 }) ?? true { return .en }
        }
        return .vi
    }
}
