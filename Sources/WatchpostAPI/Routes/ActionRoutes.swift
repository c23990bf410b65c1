import Foundation
import Hummingbird
import WatchpostCore

/// `POST /v1/incidents/{id}/acknowledge|actions|resolve|reopen|escalate|merge|unmerge`: each
/// becomes a signed event through `IncidentActions.perform`; 202 with the event id.
/// `ActionRequest` parses bodies.
enum ActionRoutes {
    /// The action routes and the body fields each reads.
    static let routes: [(rule: RouteRule, fields: [String])] = [
        (RouteRule(.post, "/v1/incidents/{id}/acknowledge", .scope(.act)), ["note"]),
        (RouteRule(.post, "/v1/incidents/{id}/actions", .scope(.act)), ["action", "note", "evidence_url"]),
        (RouteRule(.post, "/v1/incidents/{id}/resolve", .scope(.act)), ["note"]),
        (RouteRule(.post, "/v1/incidents/{id}/reopen", .scope(.act)), ["reason"]),
        (RouteRule(.post, "/v1/incidents/{id}/escalate", .scope(.act)), ["note", "level"]),
        (RouteRule(.post, "/v1/incidents/{id}/merge", .scope(.act)), ["into", "note"]),
        (RouteRule(.post, "/v1/incidents/{id}/unmerge", .scope(.act)), ["note"]),
    ]

    /// Bodies are a few notes; anything larger is refused before it is read.
    static let maximumBodyBytes = 16 * 1024

    static func register(on router: Hummingbird.Router<APIRequestContext>, _ environment: APIEnvironment) {
        for (rule, _) in routes {
            router.add(rule) { request, context, principal in
                guard let principal else { throw APIError.unauthenticated() }
                let incidentID = try IncidentPath.id(context)
                let bytes = try await RequestBody.json(request, limit: maximumBodyBytes)
                let parsed = try ActionRequest.parse(bytes, route: rule.path)
                let published = try await IncidentActions.perform(
                    parsed.action,
                    on: incidentID,
                    eventID: parsed.eventID,
                    occurredAt: parsed.occurredAt,
                    by: principal,
                    environment: environment
                )
                return JSONResponse.make(.accepted, AcceptedEvent(published))
            }
        }
    }
}

/// The `{id}` of an incident route.
enum IncidentPath {
    static func id(_ context: APIRequestContext) throws(APIError) -> UUID {
        let text = context.parameters.get("id") ?? ""
        guard let id = UUID(strictString: text) else {
            throw APIError(
                .badRequest,
                code: .invalidIncidentId,
                message: "the incident id in the path is not a UUID",
                vi: "Mã sự việc trong đường dẫn không phải là UUID.",
                problems: [EventProblem(path: "id", code: .invalidUUID, reason: "is not a UUID (8-4-4-4-12 hex)")]
            )
        }
        return id
    }
}
