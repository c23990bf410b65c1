import Foundation
import HTTPTypes
import Hummingbird
import WatchpostCore
import WatchpostPresentation

/// A server-rendered page: Vietnamese first, English second, usable on a phone, no script.
/// The HTML comes from `WatchpostPresentation`'s templates (`PageDocument`), which escape every
/// value; styles come from `/static/watchpost.css` only (the content-security policy forbids
/// inline styles and every script).
///
/// The referrer policy is `same-origin`, not `no-referrer`: under `no-referrer` browsers send
/// `Origin: null` with a form, which the CSRF origin check must refuse; `same-origin` still
/// keeps an incident's URL from every other site.
struct Page {
    /// The frame: title, language, officer, navigation.
    var frame: PageFrame
    /// The template of the page's content.
    var template: String
    /// The template's model.
    var model: any Sendable
    /// The status.
    var status: HTTPResponse.Status = .ok

    /// A page for `principal` (nobody before sign-in) with `navigation`; a signed-in officer
    /// without one gets "Việc của tôi".
    init(
        title: String,
        locale: DisplayLocale,
        template: String,
        model: any Sendable,
        principal: Principal? = nil,
        status: HTTPResponse.Status = .ok,
        navigation: [PageLink]? = nil,
        currentPath: String? = nil
    ) {
        let officer = principal?.officer
        var csrf: String? = nil
        if case .officer(_, .session(let token)) = principal, !token.isEmpty { csrf = token }
        self.frame = PageFrame(
            title: title,
            locale: locale,
            account: officer.map { PageAccount(name: $0.name, csrf: csrf) },
            navigation: officer == nil
                ? [] : navigation ?? [PageLink(path: "/me", title: Labels.label("layout", "myTasks")(locale))],
            currentPath: currentPath
        )
        self.template = template
        self.model = model
        self.status = status
    }

    /// The complete document.
    func response() -> Response {
        let html: String
        let status: HTTPResponse.Status
        do {
            html = try PageDocument.render(frame, template: template, page: model)
            status = self.status
        } catch {
            html = "Watchpost: \(error)"
            status = .internalServerError
        }
        return Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: html))
        )
    }
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
