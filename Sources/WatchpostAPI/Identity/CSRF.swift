import Foundation
import HTTPTypes
import Hummingbird
import WatchpostCore

/// Protection of state-changing forms against cross-site request forgery.
///
/// How a page route uses it (every form that changes something, e.g. `POST /incidents/{id}/ack`):
///
///     // in the form's HTML:
///     "<form method=\"post\" action=\"…\">\(CSRF.hiddenField(context))…</form>"
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

    /// `<input type="hidden" name="csrf" value="…">` for a session principal; empty otherwise.
    static func hiddenField(_ context: APIRequestContext) -> String {
        guard case .officer(_, .session(let token)) = context.principal else { return "" }
        return "<input type=\"hidden\" name=\"\(fieldName)\" value=\"\(HTML.escape(token))\">"
    }

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
                code: "csrf_missing",
                "the form carries no CSRF token; reload the page and send it again",
                vi: "Biểu mẫu thiếu mã chống giả mạo (CSRF); hãy tải lại trang rồi gửi lại."
            )
        }
        guard IdentitySecret.constantTimeEqual(submitted, expected) else {
            throw APIError.forbidden(
                code: "csrf_mismatch",
                "the form's CSRF token is not this session's; reload the page and send it again",
                vi: "Mã chống giả mạo (CSRF) không khớp với phiên đăng nhập; hãy tải lại trang rồi gửi lại."
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

    /// `scheme://host[:port]` of `url`, lower-cased.
    static func origin(of url: String) -> String {
        guard let components = URLComponents(string: url), let scheme = components.scheme, let host = components.host
        else { return url.lowercased() }
        let port: String = components.port.map { ":" + String($0) } ?? ""
        return (scheme + "://" + host + port).lowercased()
    }

    private static func crossOrigin(_ sent: String) -> APIError {
        APIError.forbidden(
            code: "cross_origin",
            "the form was sent from \(sent), not from this site; open the page here and send it again",
            vi: "Biểu mẫu được gửi từ một trang khác; hãy mở trang này trực tiếp rồi gửi lại."
        )
    }
}
