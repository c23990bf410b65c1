import Hummingbird

/// Sets `context.principal`: from `Authorization: Bearer wpt_…` (a bad token is a 401 with the
/// reason, never an anonymous request), else from the `wp_session` cookie (an expired, revoked
/// or unknown session is signed out, and the browser is told to drop the cookie).
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext
    let environment: APIEnvironment

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let authorization = request.headers[.authorization] {
            context.principal = try await BearerAuthentication(environment: environment).principal(authorization: authorization)
            return try await next(request, context)
        }
        guard let secret = SessionCookie.secret(in: request) else { return try await next(request, context) }
        if let principal = try await Sessions(environment: environment).principal(secret: secret) {
            context.principal = principal
            return try await next(request, context)
        }
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        // The route may have started a new session (a sign-in); only a stale cookie is cleared.
        if !response.headers[values: .setCookie].contains(where: { $0.hasPrefix(SessionCookie.name + "=") }) {
            response.setCookie(SessionCookie.clear(environment: environment))
        }
        return response
    }
}
