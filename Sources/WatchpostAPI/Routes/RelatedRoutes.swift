import Foundation
import Hummingbird
import WatchpostCore
import WatchpostStore

/// Related incidents (issue 30): one rumour seen at many schools is one incident per school,
/// each with its own obligations; relating them says so. Workers relate a new incident to the
/// open ones at other schools about the same post; an authority's staff relate or unrelate
/// incidents of the schools they supervise:
///
/// - `POST /v1/incidents/{id}/related` with `{"incident": "<uuid>", "note": "…"}`;
/// - `DELETE /v1/incidents/{id}/related/{other}`: the history is kept.
///
/// Both answer 200 with the incident's related incidents the caller may see; the detail
/// (`GET /v1/incidents/{id}`) lists them too.
enum RelatedRoutes: RouteGroup {
    static let relate = RouteRule(.post, "/v1/incidents/{id}/related", .scope(.act))
    static let unrelate = RouteRule(.delete, "/v1/incidents/{id}/related/{other}", .scope(.act))

    static let rules = [relate, unrelate]

    /// A body is an id and a line of text.
    static let maximumBodyBytes = 4 * 1024

    static func register(on router: Hummingbird.Router<APIRequestContext>, _ environment: APIEnvironment) {
        let store = IncidentLinkStore(pool: environment.pool)

        router.add(relate) { request, context, principal in
            let principal = try require(principal)
            let id = try IncidentPath.id(context)
            var body = ActionBody(
                try await RequestBody.json(request, limit: maximumBodyBytes),
                fields: ["incident", "note"],
                event: false
            )
            let other = body.text("incident", required: true)
            let note = body.text("note")
            let created = try await relateIncidents(
                id,
                to: other,
                note: note,
                problems: body.problems,
                by: principal,
                environment
            )
            return try await answer(id, changed: created, principal: principal, store, environment)
        }

        router.add(unrelate) { _, context, principal in
            let principal = try require(principal)
            let id = try IncidentPath.id(context)
            guard let other = context.parameters.get("other").flatMap(UUID.init(strictString:)) else {
                throw AccessDenial.incidentNotFound
            }
            let removed = try await unrelateIncidents(id, from: other, by: principal, environment)
            return try await answer(id, changed: removed, principal: principal, store, environment)
        }
    }

    /// Relates incident `id` to the incident `otherText` names, for `principal` (the JSON route
    /// and the incident page's form): 400 naming `incident` or `note` (with `problems` found
    /// before), 404, 403 `forbidden_relation` unless the caller governs both schools. Returns
    /// whether a relation was made (false: they were related already).
    static func relateIncidents(
        _ id: UUID,
        to otherText: String?,
        note: String?,
        problems found: [EventProblem] = [],
        by principal: Principal,
        _ environment: APIEnvironment
    ) async throws(APIError) -> Bool {
        let officer = try Access.declaringOfficer(principal)
        var problems = found
        let other = otherText.flatMap(UUID.init(strictString:))
        if otherText != nil, other == nil {
            problems.append(EventProblem(path: "incident", code: .invalidUUID, reason: "is not a UUID"))
        } else if other == id {
            problems.append(EventProblem(path: "incident", code: .unknownValue, reason: "is this incident itself"))
        }
        if let note, note.count > 500 {
            problems.append(EventProblem(path: "note", code: .tooLong, reason: "is longer than 500 characters"))
        }
        guard problems.isEmpty, let other else {
            throw APIError(
                .badRequest,
                code: .invalidBody,
                message: "the body must name another incident",
                vi: "Đề nghị nêu mã của một sự việc khác.",
                problems: problems.isEmpty
                    ? [EventProblem(path: "incident", code: .missing, reason: "is required")] : problems
            )
        }
        try await checkGoverns([id, other], officer: officer, principal: principal, environment)
        let store = IncidentLinkStore(pool: environment.pool)
        return try await IdentityDatabase.run(environment, "relating two incidents") {
            try await store.link(id, other, by: officer.id, note: note, now: environment.now())
        }
    }

    /// Ends the relation of incidents `id` and `other`, for `principal`: 404, 403 as relating.
    /// Returns whether a relation ended (false: they were not related).
    static func unrelateIncidents(_ id: UUID, from other: UUID, by principal: Principal, _ environment: APIEnvironment)
        async throws(APIError) -> Bool
    {
        let officer = try Access.declaringOfficer(principal)
        try await checkGoverns([id, other], officer: officer, principal: principal, environment)
        let store = IncidentLinkStore(pool: environment.pool)
        return try await IdentityDatabase.run(environment, "unrelating two incidents") {
            try await store.unlink(id, other, by: officer.id, now: environment.now())
        }
    }

    private static func require(_ principal: Principal?) throws(APIError) -> Principal {
        guard let principal else { throw APIError.unauthenticated() }
        return principal
    }

    /// 404 for an incident that does not exist, 403 unless `officer` governs both schools.
    private static func checkGoverns(
        _ ids: [UUID],
        officer: Officer,
        principal: Principal,
        _ environment: APIEnvironment
    ) async throws(APIError) {
        _ = try await Access.governedIncidents(
            ids,
            officer: officer,
            denial: AccessDenial.forbiddenRelation,
            environment
        )
    }

    /// 200 with whether something changed and the related incidents the caller may see.
    private static func answer(
        _ id: UUID,
        changed: Bool,
        principal: Principal,
        _ store: IncidentLinkStore,
        _ environment: APIEnvironment
    ) async throws(APIError) -> Response {
        let related = try await visibleRelated(of: id, to: principal, store, environment)
        return JSONResponse.make(.ok, RelatedListBody(changed: changed, related: related.map(RelatedBody.init)))
    }

    /// The related incidents of `id` that `principal` may see.
    static func visibleRelated(
        of id: UUID,
        to principal: Principal,
        _ store: IncidentLinkStore,
        _ environment: APIEnvironment
    ) async throws(APIError) -> [IncidentLink] {
        let links = try await IdentityDatabase.run(environment, "reading related incidents") {
            try await store.links(of: id)
        }
        var visible: [IncidentLink] = []
        for link in links where await Access.canView(incident: link.incidentID, by: principal, environment: environment)
        {
            visible.append(link)
        }
        return visible
    }
}
