import Foundation
import WatchpostCore
import WatchpostStore

extension Access {
    /// The states of incidents `ids`, in order, once `officer` is found to govern each one's
    /// school: as staff of an education authority over it, or, with `headOfOneSchool`, as the
    /// head of the one school all of them belong to. 404 for an incident that does not exist,
    /// `denial` otherwise; 503 when the database does not answer.
    static func governedIncidents(
        _ ids: [UUID],
        officer: Officer,
        headOfOneSchool: Bool = false,
        denial: APIError,
        _ environment: APIEnvironment
    ) async throws(APIError) -> [IncidentState] {
        let directory = environment.directory
        var states: [IncidentState] = []
        for id in ids {
            let summary = try await IdentityDatabase.run(environment, "reading an incident to relate or merge") {
                try await StoreQueries(pool: environment.pool).incidentSummary(id)
            }
            guard let state = summary?.state else { throw AccessDenial.incidentNotFound }
            // An officer heads one school at most, so heading each school is heading the one.
            let headed = headOfOneSchool && directory.relations(of: officer.id, to: state.unitID).contains(.schoolHead)
            guard governs(state.unitID, officer: officer, directory: directory) || headed else { throw denial }
            states.append(state)
        }
        return states
    }

    /// Throws unless `principal` may send the merge or unmerge `event` now (D60), checked in this
    /// order: 400 `merge_into_itself`; 404 for an incident that does not exist; 403
    /// `forbidden_merge` unless the caller is staff of an education authority over both schools
    /// or the head of the one school of both; then 409 `already_merged`, `incident_resolved`,
    /// `merge_target_merged`, `merge_target_resolved`, `merge_has_duplicates` for a merge and
    /// `not_merged` for an unmerge; the 409s not for `isRepeat`, a retry of an event taken in
    /// before (the worker may have applied it meanwhile). The worker checks the same again when
    /// it applies the event.
    static func checkMerge(_ event: Event, officer: Officer, isRepeat: Bool = false, environment: APIEnvironment)
        async throws(APIError)
    {
        switch event.payload {
        case .merged(let merge):
            guard merge.into != event.incidentID else { throw AccessDenial.mergeIntoItself }
            let states = try await governedIncidents(
                [event.incidentID, merge.into],
                officer: officer,
                headOfOneSchool: true,
                denial: AccessDenial.forbiddenMerge,
                environment
            )
            let (duplicate, survivor) = (states[0], states[1])
            guard survivor.id != duplicate.id else { throw AccessDenial.mergeIntoItself }
            guard !isRepeat else { return }
            if duplicate.status == .merged { throw AccessDenial.alreadyMerged(into: duplicate.mergedInto) }
            if duplicate.status == .resolved { throw AccessDenial.incidentResolved }
            if survivor.status == .merged { throw AccessDenial.mergeTargetMerged(into: survivor.mergedInto) }
            if survivor.status == .resolved { throw AccessDenial.mergeTargetResolved }
            if !duplicate.mergedFrom.isEmpty { throw AccessDenial.mergeHasDuplicates(duplicate.mergedFrom) }
        case .unmerged(let unmerge):
            // Not merged, the incident stands alone: the caller must govern its school.
            let ids = unmerge.from == event.incidentID ? [event.incidentID] : [event.incidentID, unmerge.from]
            let states = try await governedIncidents(
                ids,
                officer: officer,
                headOfOneSchool: true,
                denial: AccessDenial.forbiddenMerge,
                environment
            )
            guard isRepeat || states[0].mergedInto == unmerge.from else { throw AccessDenial.notMerged }
        default:
            return
        }
    }
}
