import Foundation
import Hummingbird
import WatchpostCore

/// `POST /v1/incidents/{id}/acknowledge|actions|resolve|reopen|escalate`: each becomes a signed
/// event through `IncidentActions.perform`; 202 with the event id.
enum ActionRoutes {
    /// The action routes and the body fields each reads.
    static let routes: [(rule: RouteRule, fields: [String])] = [
        (RouteRule(.post, "/v1/incidents/{id}/acknowledge", .scope(.act)), ["note"]),
        (RouteRule(.post, "/v1/incidents/{id}/actions", .scope(.act)), ["action", "note", "evidence_url"]),
        (RouteRule(.post, "/v1/incidents/{id}/resolve", .scope(.act)), ["note"]),
        (RouteRule(.post, "/v1/incidents/{id}/reopen", .scope(.act)), ["reason"]),
        (RouteRule(.post, "/v1/incidents/{id}/escalate", .scope(.act)), ["note", "level"]),
    ]

    /// Bodies are a few notes; anything larger is refused before it is read.
    static let maximumBodyBytes = 16 * 1024

    static func register(on router: Hummingbird.Router<APIRequestContext>, _ environment: APIEnvironment) {
        for (rule, fields) in routes {
            router.add(rule) { request, context, principal in
                guard let principal else { throw APIError.unauthenticated() }
                let incidentID = try IncidentPath.id(context)
                let bytes = try await RequestBody.json(request, limit: maximumBodyBytes)
                var body = ActionBody(bytes, fields: fields)
                let action = Self.action(of: rule.path, body: &body)
                let retry = body.retryIdentity()
                try body.check()
                guard let action else { throw APIError.notFound("route") }
                let published = try await IncidentActions.perform(
                    action,
                    on: incidentID,
                    eventID: retry.eventID,
                    occurredAt: retry.occurredAt,
                    by: principal,
                    environment: environment
                )
                return JSONResponse.make(.accepted, AcceptedEvent(published))
            }
        }
    }

    private static func action(of path: String, body: inout ActionBody) -> IncidentAction? {
        switch path.split(separator: "/").last {
        case "acknowledge": .acknowledge(note: body.text("note"))
        case "actions":
            .recordAction(
                action: body.text("action", required: true) ?? "",
                note: body.text("note"),
                evidenceURL: body.text("evidence_url")
            )
        case "resolve": .resolve(note: body.text("note"))
        case "reopen": .reopen(reason: body.text("reason", required: true) ?? "")
        case "escalate": .escalate(note: body.text("note"), level: body.integer("level"))
        default: nil
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
                code: "invalid_incident_id",
                message: "the incident id in the path is not a UUID",
                vi: "Mã sự việc trong đường dẫn không phải là UUID.",
                problems: [EventProblem(path: "id", code: .invalidUUID, reason: "is not a UUID (8-4-4-4-12 hex)")]
            )
        }
        return id
    }
}
