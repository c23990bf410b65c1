import Foundation
import HTTPTypes
import Hummingbird
import WatchpostCore
import WatchpostPresentation

/// The signed-in officer a page is for, with the page's language and navigation. Pages are for
/// officers only: a request without a principal is sent to `/sign-in`; a tool's token, or a
/// credential without the scope the route needs, gets a 403 page that says why.
struct PageCaller: Sendable {
    /// Who is calling.
    var principal: Principal
    /// The officer.
    var officer: Officer
    /// The page's language.
    var locale: DisplayLocale
    /// The links the navigation bar offers this officer.
    var navigation: [PageLink]

    /// The caller of `request`, which needs `scope`; throws `PageRedirect` to `/sign-in` for
    /// nobody and a 403 `APIError` for a tool or a missing scope.
    static func require(
        _ scope: Scope,
        _ request: Request,
        _ context: APIRequestContext,
        _ environment: APIEnvironment
    ) throws -> PageCaller {
        guard let principal = context.principal else { throw PageRedirect.signIn(from: request) }
        guard let officer = principal.officer else {
            throw APIError.forbidden(
                code: .officersOnly,
                "these pages are for signed-in officers; a tool uses the JSON API under /v1",
                vi: "Các trang này dành cho cán bộ đã đăng nhập; công cụ dùng API JSON tại /v1."
            )
        }
        guard principal.has(scope) else {
            throw APIError.forbidden(
                code: .scopeMissing,
                "your credential does not allow `\(scope.rawValue)`; sign in to use this page",
                vi:
                    "Quyền truy cập hiện tại không cho phép việc này (\(scope.rawValue)); đề nghị đăng nhập để dùng trang này."
            )
        }
        let locale = PageLocale.resolve(request, principal: principal)
        return PageCaller(
            principal: principal,
            officer: officer,
            locale: locale,
            navigation: Self.navigation(for: officer, locale: locale, directory: environment.directory)
        )
    }

    /// The session's CSRF token, or "" for a caller without a session.
    var csrfToken: String {
        if case .officer(_, .session(let token)) = principal { return token }
        return ""
    }

    /// A page for this caller: `template` filled with `model`.
    func page(
        _ title: String,
        path: String,
        status: HTTPResponse.Status = .ok,
        template: String,
        _ model: any Sendable
    ) -> Page {
        Page(
            title: title,
            locale: locale,
            template: template,
            model: model,
            principal: principal,
            status: status,
            navigation: navigation,
            currentPath: path
        )
    }

    /// "Việc của tôi" for everyone; the report form for monitoring officers; the overview for an
    /// education authority's staff; the period report for them and for heads of school; the
    /// closures and duty pages for an authority's staff; the absences page for everyone.
    static func navigation(for officer: Officer, locale: DisplayLocale, directory: Directory) -> [PageLink] {
        var links = [PageLink(path: "/me", title: Labels.label("layout", "myTasks")(locale))]
        if !PageScope.reportableSchools(for: officer, in: directory).isEmpty {
            links.append(PageLink(path: "/report", title: Labels.label("layout", "report")(locale)))
        }
        if !PageScope.overviewSchools(for: officer, in: directory).isEmpty {
            links.append(PageLink(path: "/overview", title: Labels.label("layout", "overview")(locale)))
        }
        if PageScope.reportUnit(for: officer, in: directory) != nil {
            links.append(
                PageLink(path: PeriodReportPage.path, title: Labels.label("layout", "periodReport")(locale))
            )
        }
        if !Access.governedUnits(by: officer, directory: directory).isEmpty {
            links.append(PageLink(path: "/closures", title: Labels.label("layout", "closures")(locale)))
            links.append(PageLink(path: "/duty", title: Labels.label("layout", "duty")(locale)))
        }
        links.append(PageLink(path: "/absences", title: Labels.label("layout", "absences")(locale)))
        return links
    }
}

/// A page request that must go elsewhere first, answered with 303 See Other.
struct PageRedirect: Error, Sendable {
    /// Where to.
    var location: String

    /// To the sign-in page, coming back to `request`'s path afterwards.
    static func signIn(from request: Request) -> PageRedirect {
        let path = request.uri.path
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=?#+")
        let next = path.addingPercentEncoding(withAllowedCharacters: allowed) ?? "/me"
        return PageRedirect(location: "/sign-in?next=\(next)")
    }

    /// The 303 response.
    var response: Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }
}
