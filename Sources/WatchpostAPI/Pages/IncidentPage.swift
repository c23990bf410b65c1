import Foundation
import Hummingbird
import WatchpostCore
import WatchpostPresentation
import WatchpostStore

/// `/incidents/{id}`: what happened, what is owed and why, and the forms to acknowledge, record
/// an action and resolve. Each form posts with the CSRF token, goes through `IncidentActions`
/// (the one place an action becomes a signed event) and comes back here with 303.
enum IncidentPage {
    /// The route named in the PDPL view log.
    static let viewRoute = "page /incidents/{id}"

    /// GET: the page. 404 for no such incident, 403 for one the officer may not see; a view of
    /// an incident involving a student is logged first (and refused with 503 if it cannot be).
    static func show(_ request: Request, _ context: APIRequestContext, _ environment: APIEnvironment) async throws
        -> Response
    {
        let caller = try PageCaller.require(.read, request, context, environment)
        let id = try incidentID(context)
        let done = request.uri.queryParameters.get("done").flatMap { IncidentFormKind(rawValue: String($0)) }
        return try await render(caller, id: id, environment: environment, done: done).response()
    }

    /// POST `/incidents/{id}/acknowledge`, `/actions`, `/resolve`, `/merge` or `/unmerge`.
    static func act(
        _ kind: IncidentFormKind,
        _ request: Request,
        _ context: APIRequestContext,
        _ environment: APIEnvironment
    ) async throws -> Response {
        let caller = try PageCaller.require(.act, request, context, environment)
        let id = try incidentID(context)
        let form = try await PageForm.read(request, context: context)
        try CSRF.require(form[CSRF.fieldName], request: request, context: context, environment: environment)
        let note = form.trimmed("note")
        let action: IncidentAction =
            switch kind {
            case .acknowledged: .acknowledge(note: note)
            case .action:
                .recordAction(
                    action: form.trimmed("action") ?? "",
                    note: note,
                    evidenceURL: form.trimmed("evidence_url")
                )
            case .resolved: .resolve(note: note)
            case .merged: .merge(into: form.trimmed("into") ?? "", note: note)
            case .unmerged, .related, .unrelated: .unmerge(note: note)
            }
        let principal = caller.principal
        switch await PageAttempt.run({ () async throws(APIError) in
            try await IncidentActions.perform(action, on: id, by: principal, environment: environment)
        }) {
        case .success: break
        case .failure(let error): return try await sentBack(error, kind, form, caller, id: id, environment)
        }
        return PageRedirect(location: "/incidents/\(id.canonicalString)?done=\(kind.rawValue)").response
    }

    /// The page with form `kind` sent back, when `error` names the form's fields; else `error`.
    static func sentBack(
        _ error: APIError,
        _ kind: IncidentFormKind,
        _ form: PageForm,
        _ caller: PageCaller,
        id: UUID,
        _ environment: APIEnvironment
    ) async throws -> Response {
        guard error.status == .badRequest, !error.problems.isEmpty else { throw error }
        let typed = Dictionary(form.fields.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        let problem = IncidentFormProblem(form: kind, problems: error.problems, typed: typed)
        return try await render(caller, id: id, environment: environment, problem: problem, status: .badRequest)
            .response()
    }

    static func render(
        _ caller: PageCaller,
        id: UUID,
        environment: APIEnvironment,
        done: IncidentFormKind? = nil,
        problem: IncidentFormProblem? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Page {
        let standing = try await Access.viewableIncident(id, by: caller.principal, environment: environment)
        try await IncidentViewLog.record(standing, by: caller.principal, route: viewRoute, environment: environment)
        let timeline: IncidentTimeline
        do {
            // Pages are for officers: the events the router refused stay out (`Access.seesRejectedEvents`).
            let views = IncidentViews(pool: environment.pool)
            guard let found = try await views.timeline(of: standing.id, includingRejected: false) else {
                throw APIError.notFound("incident")
            }
            timeline = found
        } catch let error as APIError {
            throw error
        } catch {
            throw APIError.databaseUnavailable(error, environment: environment)
        }
        var viewer = IncidentViewer(
            forms: forms(for: caller, state: timeline.summary.state, standing: standing, environment: environment),
            csrfToken: caller.csrfToken,
            // The same rule as `GET /v1/incidents/{id}`: every officer allowed to see the
            // incident sees its links; tools never get them.
            showsURLs: standing.visible && caller.principal.officer != nil,
            involvesChild: standing.involvesChild
        )
        let related = try await RelatedRoutes.visibleRelated(
            of: standing.id,
            to: caller.principal,
            IncidentLinkStore(pool: environment.pool),
            environment
        )
        try await organise(&viewer, caller, state: timeline.summary.state, standing: standing, related, environment)
        let view = IncidentPageView(
            timeline: timeline,
            directory: environment.directory,
            viewer: viewer,
            now: environment.now(),
            locale: caller.locale,
            done: done,
            problem: problem,
            related: related
        )
        let title = timeline.summary.state.category.label(caller.locale)
        return caller.page(title, path: "/incidents", status: status, template: "incident", view)
    }

    /// The forms `caller` may use on an open incident: acknowledge (unless already done), record
    /// an action, resolve, each as far as `Access.checkActor` allows.
    private static func forms(
        for caller: PageCaller,
        state: IncidentState,
        standing: IncidentStanding,
        environment: APIEnvironment
    ) -> Set<IncidentFormKind> {
        guard state.status.isOpen, caller.principal.has(.act) else { return [] }
        func mayAct(_ type: EventType) -> Bool {
            standing.actionable
                && (try? Access.checkActor(
                    type,
                    incident: standing.id,
                    by: caller.principal,
                    directory: environment.directory
                )) != nil
        }
        var forms: Set<IncidentFormKind> = []
        if mayAct(.incidentAcknowledged) && !state.acknowledgedBy.contains(caller.officer.id) {
            forms.insert(.acknowledged)
        }
        if mayAct(.actionRecorded) { forms.insert(.action) }
        if mayAct(.incidentResolved) { forms.insert(.resolved) }
        return forms
    }

    static func incidentID(_ context: APIRequestContext) throws -> UUID {
        guard let text = context.parameters.get("id"), let id = UUID(uuidString: text) else {
            throw APIError.notFound("incident")
        }
        return id
    }
}
