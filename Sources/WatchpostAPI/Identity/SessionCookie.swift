import Foundation
import Hummingbird

/// The `wp_session` cookie: the session secret, `HttpOnly`, `SameSite=Lax`, `Path=/`, `Secure`
/// when the public URL is https, for 12 hours.
enum SessionCookie {
    /// The cookie's name.
    static let name = "wp_session"
    /// How long a session lasts.
    static let lifetime: Duration = .seconds(12 * 3600)

    /// The cookie that carries `secret`.
    static func issue(_ secret: String, environment: APIEnvironment) -> Cookie {
        cookie(secret, maxAge: Int(lifetime.components.seconds), environment)
    }

    /// The cookie that tells the browser to forget the session.
    static func clear(environment: APIEnvironment) -> Cookie {
        cookie("", maxAge: 0, environment)
    }

    /// The session secret the request carries, if any.
    static func secret(in request: Request) -> String? {
        guard let value = request.cookies[name]?.value, !value.isEmpty else { return nil }
        return value
    }

    private static func cookie(_ value: String, maxAge: Int, _ environment: APIEnvironment) -> Cookie {
        Cookie(
            name: name,
            value: value,
            maxAge: maxAge,
            path: "/",
            secure: environment.settings.settings.servesTLS,
            httpOnly: true,
            sameSite: .lax
        )
    }
}
