import Foundation
import Hummingbird

/// The session cookie: the session secret, `HttpOnly`, `SameSite=Lax`, `Path=/`, for 12 hours.
/// Over an https public URL it is `__Host-wp_session` and `Secure`: the prefix makes browsers
/// refuse it unless it is Secure, for `/`, and without `Domain`, so neither a plain-http page
/// nor a sibling subdomain can plant or overwrite it. Over plain http (development, tests) it
/// is `wp_session`, since browsers refuse a `__Host-` cookie without `Secure`.
enum SessionCookie {
    /// The name over plain http.
    static let plainName = "wp_session"
    /// The name over https.
    static let hostName = "__Host-wp_session"
    /// How long a session lasts at most, used or not.
    static let lifetime: Duration = .seconds(12 * 3600)

    /// The cookie's name for `environment`'s public URL.
    static func name(_ environment: APIEnvironment) -> String {
        environment.settings.settings.servesTLS ? hostName : plainName
    }

    /// The cookie that carries `secret`.
    static func issue(_ secret: String, environment: APIEnvironment) -> Cookie {
        cookie(secret, maxAge: Int(lifetime.components.seconds), environment)
    }

    /// The cookie that tells the browser to forget the session.
    static func clear(environment: APIEnvironment) -> Cookie {
        cookie("", maxAge: 0, environment)
    }

    /// The session secret the request carries under this deployment's name, if any (over https
    /// a plain `wp_session` is ignored: anyone on a subdomain could have set it).
    static func secret(in request: Request, environment: APIEnvironment) -> String? {
        guard let value = request.cookies[name(environment)]?.value, !value.isEmpty else { return nil }
        return value
    }

    private static func cookie(_ value: String, maxAge: Int, _ environment: APIEnvironment) -> Cookie {
        Cookie(
            name: name(environment),
            value: value,
            maxAge: maxAge,
            path: "/",
            secure: environment.settings.settings.servesTLS,
            httpOnly: true,
            sameSite: .lax
        )
    }
}
