import Foundation
import HTTPTypes
import Hummingbird
import WatchpostCore
import WatchpostPresentation

/// Protection of state-changing forms against cross-site request forgery.
///
/// How a page route uses it (every form that changes something, e.g. `POST /incidents/{id}/ack`):
///
///     // in the form's template (the model's `csrf` is the session's token, or nil):
///     <form method="post" action="…">{{> csrf}}…</form>
///     // in the POST handler, before doing anything:
///     let form = try await FormFields.read(request)
///     try CSRF.require(form[CSRF.fieldName], request: request, context: context, environment: environment)
///
/// `require` throws `APIError` 401 when nobody is signed in, and 403 `csrf_missing`,
/// `csrf_mismatch` or `cross_origin` otherwise. A session principal must echo its session's
/// token (compared in constant time); a token principal (`Authorization: Bearer`) needs none,
/// since browsers never attach it by themselves. For every principal, an `Origin` header, when
/// present, must be the public URL's origin. Forms used before signing in (sign-in, the
/// acknowledge link) call `requireSameOrigin` alone.
enum CSRF {
    /// The form field that carries the token (the page layout's sign-out form uses it too).
    static let fieldName = "csrf"

    /// Throws unless the request may change something on behalf of its principal.
    static func require(
        _ submitted: String?,
        request: Request,
        context: APIRequestContext,
        environment: APIEnvironment
    ) throws(APIError) {
        guard let principal = context.principal else { throw APIError.unauthenticated() }
        try requireSameOrigin(request, environment: environment)
        guard case .officer(_, .session(let expected)) = principal else { return }
        guard let submitted, !submitted.isEmpty else {
            throw APIError.forbidden(
                code: .csrfMissing,
                "the form carries no CSRF token; reload the page and send it again",
                vi: "Biểu mẫu thiếu mã chống giả mạo (CSRF); đề nghị tải lại trang rồi gửi lại."
            )
        }
        guard IdentitySecret.constantTimeEqual(submitted, expected) else {
            throw APIError.forbidden(
                code: .csrfMismatch,
                "the form's CSRF token is not this session's; reload the page and send it again",
                vi: "Mã chống giả mạo (CSRF) không khớp với phiên đăng nhập; đề nghị tải lại trang rồi gửi lại."
            )
        }
    }

    /// Throws 403 `cross_origin` when the request's `Origin` (or, without one, a
    /// `Sec-Fetch-Site: cross-site`) shows it was sent from another site.
    static func requireSameOrigin(_ request: Request, environment: APIEnvironment) throws(APIError) {
        let expected = origin(of: environment.settings.publicURL)
        if let sent = request.headers[.origin] {
            guard sent.lowercased() == expected else { throw crossOrigin(sent) }
        } else if request.headers[HTTPField.Name("Sec-Fetch-Site")!]?.lowercased() == "cross-site" {
            throw crossOrigin("another site")
        }
    }

    /// Whether `method` may change something (everything but GET, HEAD, OPTIONS and TRACE).
    static func changesState(_ method: HTTPRequest.Method) -> Bool {
        ![.get, .head, .options, .trace].contains(method)
    }

    /// The second layer for requests authenticated by the session cookie (`AuthenticationMiddleware`
    /// calls it for every such request, JSON action routes included): one that may change
    /// something must show it comes from this site. Its `Origin`, or without one the origin of
    /// its `Referer` (OWASP's fallback), must be the public URL's origin; with neither, it is
    /// refused. Throws 403 `cross_origin` or `origin_missing`. Bearer-token requests are not
    /// checked here: no browser attaches a bearer token by itself. This holds whatever SameSite,
    /// the content-type check or the absence of CORS do.
    static func requireSessionOrigin(_ request: Request, environment: APIEnvironment) throws(APIError) {
        guard changesState(request.method) else { return }
        let expected = origin(of: environment.settings.publicURL)
        let sent: String
        if let value = request.headers[.origin] {
            sent = value.lowercased()
        } else if let referer = request.headers[.referer] {
            sent = origin(of: referer)
        } else {
            throw APIError.forbidden(
                code: .originMissing,
                "this request would change data with a session cookie but names no Origin or Referer, so it "
                    + "cannot be told apart from one another site made your browser send; open the page at "
                    + "\(expected) and send it again (tools use a bearer token)",
                vi: "Yêu cầu thay đổi dữ liệu bằng phiên đăng nhập nhưng không cho biết được gửi từ trang nào "
                    + "(thiếu Origin và Referer); đề nghị mở trang \(expected) rồi gửi lại."
            )
        }
        guard sent == expected else {
            let shown = sent.count > 100 ? String(sent.prefix(100)) + "…" : sent
            throw APIError.forbidden(
                code: .crossOrigin,
                "this request would change data with a session cookie but was sent from \(shown), not from "
                    + "\(expected); open the page at \(expected) and send it again (tools use a bearer token)",
                vi: "Yêu cầu thay đổi dữ liệu bằng phiên đăng nhập nhưng được gửi từ một trang khác; "
                    + "đề nghị mở trang \(expected) rồi gửi lại."
            )
        }
    }

    /// `scheme://host[:port]` of `url`, lower-cased.
    static func origin(of url: String) -> String {
        guard let components = URLComponents(string: url), let scheme = components.scheme, let host = components.host
        else { return url.lowercased() }
        let port: String = components.port.map { ":" + String($0) } ?? ""
        return (scheme + "://" + host + port).lowercased()
    }

    private static func crossOrigin(_ sent: String) -> APIError {
        APIError.forbidden(
            code: .crossOrigin,
            "the form was sent from \(sent), not from this site; open the page here and send it again",
            vi: "Biểu mẫu được gửi từ một trang khác; đề nghị mở trang này trực tiếp rồi gửi lại."
        )
    }
}
