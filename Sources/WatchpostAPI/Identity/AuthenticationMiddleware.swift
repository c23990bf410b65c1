import Hummingbird

/// Sets `context.principal`: from `Authorization: Bearer wpt_…` (a bad token is a 401 with the
/// reason, never an anonymous request), else from the session cookie (an expired, idle, revoked
/// or unknown session is signed out, and the browser is told to drop the cookie). A request the
/// session cookie authenticates that may change something must come from this site
/// (`CSRF.requireSessionOrigin`), whatever route it is for.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext
    let environment: APIEnvironment

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var context = context
        if let authorization = request.headers[.authorization] {
            context.principal = try await BearerAuthentication(environment: environment).principal(
                authorization: authorization
            )
            return try await next(request, context)
        }
        guard let secret = SessionCookie.secret(in: request, environment: environment) else {
            return try await next(request, context)
        }
        if let principal = try await Sessions(environment: environment).principal(secret: secret) {
            context.principal = principal
            try CSRF.requireSessionOrigin(request, environment: environment)
            return try await next(request, context)
        }
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        // The route may have started a new session (a sign-in); only a stale cookie is cleared.
        if !response.headers[values: .setCookie].contains(where: { $0.hasPrefix(SessionCookie.name(environment) + "=") }
        ) {
            response.setCookie(SessionCookie.clear(environment: environment))
        }
        return response
    }
}
