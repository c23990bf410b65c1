import Foundation
import Hummingbird
import WatchpostCore
import WatchpostPresentation
import WatchpostStore

/// The incident page's part in relating and merging incidents (issue 30, D60): which forms the
/// reader gets, the incidents the page names, and the two form posts that are not events
/// (relating and unrelating; merging and unmerging are events, posted through `act`).
extension IncidentPage {
    /// How many open incidents of the school the merge form offers besides the related ones.
    static let mergeCandidateLimit = 20

    /// Fills in what `viewer` may do to relate, merge or unmerge `state`, and the incidents the
    /// page names: the one it is merged into, those merged into it. The forms follow the API's
    /// rules (`Access.governedIncidents`): relating for the staff of an authority over the
    /// school, merging and unmerging for them or the school's head.
    static func organise(
        _ viewer: inout IncidentViewer,
        _ caller: PageCaller,
        state: IncidentState,
        standing: IncidentStanding,
        _ related: [IncidentLink],
        _ environment: APIEnvironment
    ) async throws(APIError) {
        if let survivor = state.mergedInto { viewer.mergedInto = try await peer(survivor, caller, environment) }
        for id in state.mergedFrom {
            if let peer = try await peer(id, caller, environment) { viewer.mergedFrom.append(peer) }
        }
        guard caller.principal.has(.act), standing.actionable, (try? Access.declaringOfficer(caller.principal)) != nil
        else { return }
        let directory = environment.directory
        let officer = caller.officer
        let governs = { (unit: UnitID) in Access.governs(unit, officer: officer, directory: directory) }
        let heads = { (unit: UnitID) in directory.relations(of: officer.id, to: unit).contains(.schoolHead) }
        let mayMerge = { (unit: UnitID) in governs(unit) || (heads(unit) && unit == state.unitID) }
        if governs(state.unitID), state.status != .merged {
            viewer.forms.insert(.related)
            viewer.unrelatable = Set(related.filter { governs($0.unitID) }.map(\.incidentID))
        }
        guard mayMerge(state.unitID) else { return }
        if state.status == .merged, let survivor = viewer.mergedInto, mayMerge(survivor.unitID) {
            viewer.forms.insert(.unmerged)
        }
        guard state.status.isOpen, state.mergedFrom.isEmpty else { return }
        viewer.mergeCandidates = try await candidates(for: state, related, caller, mayMerge: mayMerge, environment)
        if !viewer.mergeCandidates.isEmpty { viewer.forms.insert(.merged) }
    }

    /// The open incidents `state` may be merged into: the related ones, then the school's own,
    /// most recent first, each one the reader may open and merge with.
    private static func candidates(
        for state: IncidentState,
        _ related: [IncidentLink],
        _ caller: PageCaller,
        mayMerge: (UnitID) -> Bool,
        _ environment: APIEnvironment
    ) async throws(APIError) -> [IncidentPeer] {
        var peers: [IncidentPeer] = []
        var seen: Set<UUID> = [state.id]
        for link in related where link.status.isOpen && mayMerge(link.unitID) && seen.insert(link.incidentID).inserted {
            peers.append(IncidentPeer(id: link.incidentID, unitID: link.unitID, category: nil, visible: true))
        }
        let directory = environment.directory
        var open: [IncidentListItem] = []
        for status in IncidentStatus.allCases where status.isOpen {
            var filter = IncidentFilter()
            filter.status = status
            filter.unit = state.unitID
            filter.limit = mergeCandidateLimit
            let scope = Access.actingScope(of: caller.principal, directory: directory)
            open += try await IdentityDatabase.run(environment, "listing incidents to merge into") {
                try await IncidentViews(pool: environment.pool).list(filter, inside: scope)
            }
        }
        for item in open.sorted(by: { $0.reportedAt > $1.reportedAt }).prefix(mergeCandidateLimit)
        where seen.insert(item.id).inserted {
            peers.append(IncidentPeer(id: item.id, unitID: item.unitID, category: item.category, visible: true))
        }
        return peers
    }

    /// Incident `id` as the page names it, or nil when there is none.
    private static func peer(_ id: UUID, _ caller: PageCaller, _ environment: APIEnvironment) async throws(APIError)
        -> IncidentPeer?
    {
        let summary = try await IdentityDatabase.run(environment, "reading a merged incident") {
            try await StoreQueries(pool: environment.pool).incidentSummary(id)
        }
        guard let state = summary?.state else { return nil }
        let visible = await Access.canView(incident: id, by: caller.principal, environment: environment)
        return IncidentPeer(id: id, unitID: state.unitID, category: state.category, visible: visible)
    }

    /// POST `/incidents/{id}/related`: relates the incident the form names (its id, or the
    /// address of its page) to this one, then back to the page with 303.
    static func relate(_ request: Request, _ context: APIRequestContext, _ environment: APIEnvironment) async throws
        -> Response
    {
        let caller = try PageCaller.require(.act, request, context, environment)
        let id = try incidentID(context)
        let form = try await PageForm.read(request, context: context)
        try CSRF.require(form[CSRF.fieldName], request: request, context: context, environment: environment)
        let other = form.trimmed("incident").map(incidentText)
        let principal = caller.principal
        switch await PageAttempt.run({ () async throws(APIError) in
            try await RelatedRoutes.relateIncidents(
                id,
                to: other,
                note: form.trimmed("note"),
                by: principal,
                environment
            )
        }) {
        case .success: break
        case .failure(let error): return try await sentBack(error, .related, form, caller, id: id, environment)
        }
        return PageRedirect(location: "/incidents/\(id.canonicalString)?done=\(IncidentFormKind.related.rawValue)")
            .response
    }

    /// POST `/incidents/{id}/related/{other}/remove`: ends the relation, then back to the page.
    static func unrelate(_ request: Request, _ context: APIRequestContext, _ environment: APIEnvironment) async throws
        -> Response
    {
        let caller = try PageCaller.require(.act, request, context, environment)
        let id = try incidentID(context)
        let form = try await PageForm.read(request, context: context)
        try CSRF.require(form[CSRF.fieldName], request: request, context: context, environment: environment)
        guard let other = context.parameters.get("other").flatMap(UUID.init(strictString:)) else {
            throw APIError.notFound("incident")
        }
        _ = try await RelatedRoutes.unrelateIncidents(id, from: other, by: caller.principal, environment)
        return PageRedirect(location: "/incidents/\(id.canonicalString)?done=\(IncidentFormKind.unrelated.rawValue)")
            .response
    }

    /// The id an officer typed or pasted: an id, or the address of an incident's page.
    static func incidentText(_ typed: String) -> String {
        guard let range = typed.range(of: "/incidents/") else { return typed }
        let rest = typed[range.upperBound...]
        return String(rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" })
    }
}
