import Foundation
import WatchpostCore
import WatchpostStore

extension Access {
    /// Whether an event of `type` acts on an incident (needs `act` and a role on it), rather
    /// than reporting (needs `report`).
    static func isAction(_ type: EventType) -> Bool {
        type != .incidentReported && type != .incidentUpdated
    }

    /// Throws 403 unless `principal` may send `event` as far as the event itself tells: its type
    /// against the caller's scopes and roles, its unit against a monitor's units, a link's one
    /// incident. Whether the caller holds a role on the incident is checked by
    /// `checkIncident(_:by:environment:)`, which needs the database.
    static func checkPublish(_ event: Event, by principal: Principal, directory: Directory) throws(APIError) {
        if isAction(event.type) {
            try checkActor(event.type, incident: event.incidentID, by: principal, directory: directory)
            if case .escalated(let escalation) = event.payload, escalation.reason == .deadlineMissed {
                throw AccessDenial.escalationReasonReserved
            }
            return
        }
        if case .officer(_, .link) = principal { throw AccessDenial.linkAcknowledgeOnly }
        guard principal.has(.report) else { throw AccessDenial.scopeMissing(.report) }
        guard let officer = principal.officer else { return }
        let units = reportingUnits(of: officer, directory: directory)
        guard !units.isEmpty else { throw AccessDenial.roleCannotReport }
        guard units.contains(event.unitID) else { throw AccessDenial.forbiddenUnit(event.unitID) }
    }

    /// Throws 403 unless `principal` could act (`type`) on `incident` given their credential
    /// and roles, before looking at the incident: a link acknowledges its incident only; others
    /// need the `act` scope and a role that can act somewhere.
    static func checkActor(_ type: EventType, incident: UUID, by principal: Principal, directory: Directory)
        throws(APIError)
    {
        if case .officer(_, .link(let linked)) = principal {
            guard type == .incidentAcknowledged else { throw AccessDenial.linkAcknowledgeOnly }
            guard incident == linked else { throw AccessDenial.linkOtherIncident }
            return
        }
        guard principal.has(.act) else { throw AccessDenial.scopeMissing(.act) }
        guard let officer = principal.officer, canActAtAll(officer, directory: directory) else {
            throw AccessDenial.roleCannotAct
        }
    }

    /// Throws unless `principal` may send `event` for the incident it names:
    /// - a report opens a new incident: its `incident_id` must name none (400 naming the field),
    ///   unless `isRepeat` (the same report sent again, answered the same). Reports of one post
    ///   join one incident through `dedup_key`, never by naming its id;
    /// - an action: the incident must exist (404) and be inside the caller's acting scope (403),
    ///   and not be merged into another (409 `incident_merged`); a merge or an unmerge is held to
    ///   `checkMerge`. A retry of an event taken in before is answered as it was, whatever
    ///   happened since, so these states are not checked again for it;
    /// - an officer's update of a known incident: its school must be one of their reporting
    ///   units, and the incident one they may see, which for a monitor means one they reported
    ///   (403). Tools' updates are judged by the workers.
    static func checkIncident(_ event: Event, by principal: Principal, isRepeat: Bool, environment: APIEnvironment)
        async throws(APIError)
    {
        if event.type == .incidentReported {
            guard !isRepeat else { return }
            if try await Self.standing(of: event.incidentID, for: principal, environment: environment) != nil {
                throw AccessDenial.reportNamesExistingIncident
            }
            return
        }
        guard let officer = principal.officer else { return }
        let standing = try await Self.standing(of: event.incidentID, for: principal, environment: environment)
        if isAction(event.type) {
            guard let standing else { throw AccessDenial.incidentNotFound }
            guard standing.actionable else { throw AccessDenial.forbiddenIncident }
            if event.type == .incidentMerged || event.type == .incidentUnmerged {
                try await checkMerge(event, officer: officer, isRepeat: isRepeat, environment: environment)
            } else if standing.status == .merged, !isRepeat {
                throw AccessDenial.incidentMerged(into: standing.mergedInto)
            }
        } else if let standing {
            guard reportingUnits(of: officer, directory: environment.directory).contains(standing.unitID) else {
                throw AccessDenial.forbiddenUnit(standing.unitID)
            }
            guard standing.visible else { throw AccessDenial.forbiddenIncident }
        }
    }
}
