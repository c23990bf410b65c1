import Foundation
import Hummingbird
import WatchpostCore
import WatchpostPresentation
import WatchpostStore

/// `/me`, "Việc của tôi": the signed-in officer's open obligations, most urgent first, each
/// with the time left (overdue ones marked) and a link to its incident; below them, the open
/// incidents the officer may see.
enum MePage {
    static func show(_ request: Request, _ context: APIRequestContext, _ environment: APIEnvironment) async throws
        -> Response
    {
        let caller = try PageCaller.require(.read, request, context, environment)
        let views = IncidentViews(pool: environment.pool)
        let owed: [OwedObligation]
        let incidents: [IncidentListItem]
        do {
            owed = try await views.openObligations(of: caller.officer.id)
            let scope = Access.visibility(of: caller.principal, directory: environment.directory)
            var filter = IncidentFilter()
            filter.limit = 50
            incidents = try await views.list(filter, inside: scope).filter { $0.status.isOpen }
        } catch {
            throw APIError.databaseUnavailable(error, environment: environment)
        }
        let locale = caller.locale
        return caller.page(
            Labels.label("layout", "myTasks")(locale),
            path: "/me",
            template: "me",
            MePageView(owed: owed, incidents: incidents, now: environment.now(), locale: locale)
        ).response()
    }
}
