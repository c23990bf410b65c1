import Hummingbird

/// Who the caller is: the passwordless sign-in pages, sign-out, and the signed acknowledge
/// links from alerts. Bearer tokens and session cookies are read by `AuthenticationMiddleware`.
enum IdentityRoutes: RouteGroup {
    static let rules: [RouteRule] = [
        RouteRule(.get, SignInPaths.signIn, .anyone),
        RouteRule(.post, SignInPaths.signIn, .anyone),
        RouteRule(.post, SignInPaths.verify, .anyone),
        RouteRule(.get, SignInPaths.link, .anyone),
        RouteRule(.post, SignInPaths.link, .anyone),
        RouteRule(.post, SignInPaths.signOut, .scope(.read)),
        RouteRule(.get, "/ack", .anyone),
        RouteRule(.post, "/ack", .anyone),
    ]

    static func register(on router: Hummingbird.Router<APIRequestContext>, _ environment: APIEnvironment) {
        let signIn = SignInFlow(environment: environment)
        let acknowledge = AcknowledgeFlow(environment: environment)
        router.get(RouterPath(SignInPaths.signIn)) { request, context in
            SignInPages.form(
                locale: PageLocale.resolve(request, principal: context.principal),
                lang: IdentityPage.languageQuery(request)
            )
        }
        router.post(RouterPath(SignInPaths.signIn)) { request, context in
            try await signIn.request(request, context: context)
        }
        router.post(RouterPath(SignInPaths.verify)) { request, context in
            try await signIn.verify(request, context: context)
        }
        router.get(RouterPath(SignInPaths.link)) { request, context in
            SignInPages.confirmLink(
                token: request.uri.queryParameters.get("token") ?? "",
                locale: PageLocale.resolve(request, principal: context.principal),
                lang: IdentityPage.languageQuery(request)
            )
        }
        router.post(RouterPath(SignInPaths.link)) { request, context in
            try await signIn.useLink(request, context: context)
        }
        router.post(RouterPath(SignInPaths.signOut)) { request, context in
            try await signOut(request, context: context, environment)
        }
        router.get("/ack") { request, context in try await acknowledge.show(request, context: context) }
        router.post("/ack") { request, context in try await acknowledge.acknowledge(request, context: context) }
    }

    /// `POST /sign-out`: CSRF-checked; ends the session and forgets the cookie.
    private static func signOut(_ request: Request, context: APIRequestContext, _ environment: APIEnvironment)
        async throws(APIError) -> Response
    {
        let form = try await FormFields.read(request)
        try CSRF.require(form[CSRF.fieldName], request: request, context: context, environment: environment)
        if let secret = SessionCookie.secret(in: request, environment: environment) {
            try await Sessions(environment: environment).end(secret: secret)
        }
        var response = Response(status: .seeOther, headers: [.location: SignInPaths.signIn, .cacheControl: "no-store"])
        response.setCookie(SessionCookie.clear(environment: environment))
        return response
    }
}
