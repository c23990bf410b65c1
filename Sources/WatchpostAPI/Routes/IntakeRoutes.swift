import Hummingbird
import WatchpostCore

/// `POST /v1/events`: the envelope of docs/events.md, from a monitoring officer, a tool, or an
/// officer acting on an incident. Validated by the workers' decoder, checked against the access
/// rules, signed for the caller and produced; 202 with the event id.
enum IntakeRoutes: RouteGroup {
    static let publish = RouteRule(.post, "/v1/events", .scope(.report))

    // A token holding only `act` may also send actions here: the rule names the common case and
    // `Access.checkPublish` decides per event type.
    static let rules: [RouteRule] = [publish]

    static func register(on router: Hummingbird.Router<APIRequestContext>, _ environment: APIEnvironment) {
        router.add(RouteRule(.post, "/v1/events", .anyone)) { request, context, principal in
            guard let principal else { throw APIError.unauthenticated() }
            guard principal.has(.report) || principal.has(.act) else { throw AccessDenial.scopeMissing(.report) }
            let bytes = try await RequestBody.json(request, limit: EventLimits.maximumInputBytes)
            // The publisher decodes once and checks the caller, the unit and the incident in one
            // place, before it remembers the event id.
            let published = try await EventPublisher(environment: environment).publish(envelope: bytes, as: principal)
            return JSONResponse.make(.accepted, AcceptedEvent(published))
        }
    }
}

/// The answer to an event taken in: `{"event_id", "incident_id", "status": "accepted", "repeated"}`.
struct AcceptedEvent: Encodable {
    var event_id: String
    var incident_id: String
    var status = "accepted"
    var repeated: Bool

    init(_ published: PublishedEvent) {
        event_id = published.eventID.canonicalString
        incident_id = published.incidentID.canonicalString
        repeated = published.repeated
    }
}
