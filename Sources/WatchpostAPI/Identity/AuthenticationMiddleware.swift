import Hummingbird

/// Sets `context.principal` from a session cookie or a bearer token. (Being built: issue 9.)
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext
    let environment: APIEnvironment

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        try await next(request, context)
    }
}
