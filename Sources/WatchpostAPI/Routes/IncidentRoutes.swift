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
            return JSONResponse.object(
                .ok,
                ["officer_id": officer.id, "obligations": owed.map { ObligationJSON.object($0, now: now) }]
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
            return JSONResponse.object(.ok, ["incidents": items.map(IncidentListJSON.object)])
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
            let body = IncidentDetailJSON(
                timeline: timeline,
                showURLs: principal.officer != nil,
                now: environment.now()
            )
            return JSONResponse.object(.ok, body.object())
        }

        ActionRoutes.register(on: router, environment)
    }
}

/// One incident of a list.
enum IncidentListJSON {
    static func object(_ item: IncidentListItem) -> [String: Any] {
        var object: [String: Any] = [
            "id": item.id.canonicalString,
            "unit_id": item.unitID,
            "status": item.status.rawValue,
            "category": item.category.rawValue,
            "severity": item.severity.rawValue,
            "platform": item.platform.rawValue,
            "escalation_level": item.escalationLevel,
            "open_obligations": item.openObligations,
        ]
        object["unit_name"] = item.unitName
        TimeJSON.add("reported_at", item.reportedAt, to: &object)
        TimeJSON.add("opened_at", item.openedAt, to: &object)
        TimeJSON.add("resolved_at", item.resolvedAt, to: &object)
        TimeJSON.add("next_due_at", item.nextDueAt, to: &object)
        return object
    }
}
