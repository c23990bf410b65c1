import Hummingbird
import WatchpostPresentation

/// The officers' web pages: "Việc của tôi", the incident page and its forms (acting, relating and
/// merging), the report form, the authority's overview and its period report, and the
/// stylesheet. Every page answers HTML: a request without a principal is sent to `/sign-in`
/// (303); a refusal is a page that says why.
enum PageRoutes: RouteGroup {
    static let rules: [RouteRule] = [
        RouteRule(.get, "/", .anyone),
        RouteRule(.get, "/static/watchpost.css", .anyone),
        RouteRule(.get, "/me", .scope(.read)),
        RouteRule(.get, "/incidents/{id}", .scope(.read)),
        RouteRule(.post, "/incidents/{id}/acknowledge", .scope(.act)),
        RouteRule(.post, "/incidents/{id}/actions", .scope(.act)),
        RouteRule(.post, "/incidents/{id}/resolve", .scope(.act)),
        RouteRule(.post, "/incidents/{id}/merge", .scope(.act)),
        RouteRule(.post, "/incidents/{id}/unmerge", .scope(.act)),
        RouteRule(.post, "/incidents/{id}/related", .scope(.act)),
        RouteRule(.post, "/incidents/{id}/related/{other}/remove", .scope(.act)),
        RouteRule(.get, "/report", .scope(.report)),
        RouteRule(.post, "/report", .scope(.report)),
        RouteRule(.get, "/overview", .scope(.read)),
        RouteRule(.get, "/overview/report", .scope(.read)),
        RouteRule(.get, "/absences", .scope(.read)),
        RouteRule(.post, "/absences", .scope(.act)),
        RouteRule(.post, "/absences/{id}/withdraw", .scope(.act)),
        RouteRule(.get, "/closures", .scope(.read)),
        RouteRule(.post, "/closures", .scope(.act)),
        RouteRule(.post, "/closures/{id}/withdraw", .scope(.act)),
        RouteRule(.get, "/duty", .scope(.read)),
        RouteRule(.post, "/duty", .scope(.act)),
        RouteRule(.post, "/duty/{id}/withdraw", .scope(.act)),
    ]

    static func register(on router: Hummingbird.Router<APIRequestContext>, _ environment: APIEnvironment) {
        router.get("/") { _, _ in PageRedirect(location: "/me").response }
        router.get("/static/watchpost.css") { _, _ in StaticAssets.stylesheetResponse() }
        router.get(
            "/me",
            use: page(environment) { request, context in
                try await MePage.show(request, context, environment)
            }
        )
        router.get(
            "/incidents/{id}",
            use: page(environment) { request, context in
                try await IncidentPage.show(request, context, environment)
            }
        )
        for kind in [IncidentFormKind.acknowledged, .action, .resolved, .merged, .unmerged] {
            router.post(
                RouterPath("/incidents/{id}/\(kind.path)"),
                use: page(environment) { request, context in
                    try await IncidentPage.act(kind, request, context, environment)
                }
            )
        }
        router.post(
            "/incidents/{id}/related",
            use: page(environment) { request, context in
                try await IncidentPage.relate(request, context, environment)
            }
        )
        router.post(
            "/incidents/{id}/related/{other}/remove",
            use: page(environment) { request, context in
                try await IncidentPage.unrelate(request, context, environment)
            }
        )
        router.get(
            "/overview",
            use: page(environment) { request, context in
                try await OverviewPage.show(request, context, environment)
            }
        )
        router.get(
            RouterPath(PeriodReportPage.path),
            use: page(environment) { request, context in
                try await PeriodReportPage.show(request, context, environment)
            }
        )
        router.get(
            "/report",
            use: page(environment) { request, context in
                try ReportPage.show(request, context, environment)
            }
        )
        router.post(
            "/report",
            use: page(environment) { request, context in
                try await ReportPage.submit(request, context, environment)
            }
        )
        for kind in DeclarationPage.kinds {
            let path = DeclarationPage.path(kind)
            router.get(
                RouterPath(path),
                use: page(environment) { request, context in
                    try await DeclarationPage.show(kind, request, context, environment)
                }
            )
            router.post(
                RouterPath(path),
                use: page(environment) { request, context in
                    try await DeclarationPage.submit(kind, request, context, environment)
                }
            )
            router.post(
                RouterPath("\(path)/{id}/withdraw"),
                use: page(environment) { request, context in
                    try await DeclarationPage.withdraw(kind, request, context, environment)
                }
            )
        }
    }

    /// Wraps a page handler: a redirect becomes 303, an `APIError` becomes its page, anything
    /// else is logged and shown as a plain error page.
    static func page(
        _ environment: APIEnvironment,
        _ handler: @escaping @Sendable (Request, APIRequestContext) async throws -> Response
    ) -> @Sendable (Request, APIRequestContext) async throws -> Response {
        { request, context in
            do {
                return try await handler(request, context)
            } catch let redirect as PageRedirect {
                return redirect.response
            } catch let error as APIError {
                return ErrorPage.response(error, request, context)
            } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
                return ErrorPage.response(
                    APIError(
                        .contentTooLarge,
                        code: .tooLarge,
                        message: "the form is too large",
                        vi: "Nội dung gửi lên quá lớn."
                    ),
                    request,
                    context
                )
            } catch {
                environment.logger.error(
                    "a page failed",
                    metadata: ["path": "\(request.uri.path)", "error": "\(String(reflecting: error))"]
                )
                return ErrorPage.unexpected(request, context)
            }
        }
    }
}
