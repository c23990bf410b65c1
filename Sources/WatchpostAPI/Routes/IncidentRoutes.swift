import Foundation
import Hummingbird
import WatchpostCore
import WatchpostStore

/// The officers' JSON routes: what I owe, the incidents I may see, one incident's timeline, and
/// the actions on an incident (`ActionRoutes`).
enum IncidentRoutes: RouteGroup {
    static let myObligations = RouteRule(.get, "/v1/me/obligations", .scope(.read))
    static let list = RouteRule(.get, "/v1/incidents", .scope(.read))
    static let detail = RouteRule(.get, "/v1/incidents/{id}", .scope(.read))

    static let rules: [RouteRule] = [myObligations, list, detail] + ActionRoutes.routes.map(\.rule)

    static func register(on router: Hummingbird.Router<APIRequestContext>, _ environment: APIEnvironment) {
        let views = IncidentViews(pool: environment.pool)

        router.add(myObligations) { _, _, principal in
            guard let officer = principal?.officer else { throw AccessDenial.officerOnly }
            let owed: [OwedObligation]
            do { owed = try await views.openObligations(of: officer.id) } catch {
                throw APIError.databaseUnavailable(error, environment: environment)
            }
            let now = environment.now()
            return JSONResponse.make(
                .ok,
                MyObligationsBody(officerID: officer.id, obligations: owed.map { ObligationBody($0, now: now) })
            )
        }

        router.add(list) { request, _, principal in
            guard let principal else { throw APIError.unauthenticated() }
            let filter = try IncidentListQuery.filter(request, directory: environment.directory)
            let scope = Access.visibility(of: principal, directory: environment.directory)
            let items: [IncidentListItem]
            do { items = try await views.list(filter, inside: scope) } catch {
                throw APIError.databaseUnavailable(error, environment: environment)
            }
            return JSONResponse.make(.ok, IncidentListBody(incidents: items.map(IncidentListItemBody.init)))
        }

        router.add(detail) { _, context, principal in
            guard let principal else { throw APIError.unauthenticated() }
            let standing = try await Access.viewableIncident(
                try IncidentPath.id(context),
                by: principal,
                environment: environment
            )
            try await IncidentViewLog.record(
                standing,
                by: principal,
                route: detail.description,
                environment: environment
            )
            let timeline: IncidentTimeline?
            do {
                timeline = try await views.timeline(
                    of: standing.id,
                    includingRejected: Access.seesRejectedEvents(principal)
                )
            } catch {
                throw APIError.databaseUnavailable(error, environment: environment)
            }
            guard let timeline else { throw AccessDenial.incidentNotFound }
            let related = try await RelatedRoutes.visibleRelated(
                of: standing.id,
                to: principal,
                IncidentLinkStore(pool: environment.pool),
                environment
            )
            let body = IncidentDetailBody(
                timeline: timeline,
                showURLs: principal.officer != nil,
                now: environment.now(),
                related: related,
                merges: try await visibleMerges(of: standing.id, to: principal, environment)
            )
            return JSONResponse.make(.ok, body)
        }

        ActionRoutes.register(on: router, environment)
    }

    /// The merges incident `id` took part in that `principal` may see: all of them for the
    /// duplicate's own merges, otherwise those whose other incident the caller may see.
    static func visibleMerges(of id: UUID, to principal: Principal, _ environment: APIEnvironment)
        async throws(APIError) -> [IncidentMergeRecord]
    {
        let merges = try await IdentityDatabase.run(environment, "reading an incident's merges") {
            try await IncidentMergeStore(pool: environment.pool).merges(involving: id)
        }
        var visible: [IncidentMergeRecord] = []
        for merge in merges {
            let seen =
                merge.duplicateID == id
                ? true : await Access.canView(incident: merge.duplicateID, by: principal, environment: environment)
            if seen { visible.append(merge) }
        }
        return visible
    }
}
