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

    /// Throws unless `principal` may send `event` for the incident it names: for an action,
    /// the incident must exist (404) and be inside the caller's acting scope (403); for an
    /// officer's update of a known incident, the incident's school must be one of their
    /// reporting units. Reports, and tools' updates, name no incident to check.
    static func checkIncident(_ event: Event, by principal: Principal, environment: APIEnvironment)
        async throws(APIError)
    {
        guard event.type != .incidentReported else { return }
        guard let officer = principal.officer else { return }
        let standing = try await Self.standing(of: event.incidentID, for: principal, environment: environment)
        if isAction(event.type) {
            guard let standing else { throw AccessDenial.incidentNotFound }
            guard standing.actionable else { throw AccessDenial.forbiddenIncident }
        } else if let standing, !reportingUnits(of: officer, directory: environment.directory).contains(standing.unitID)
        {
            throw AccessDenial.forbiddenUnit(standing.unitID)
        }
    }
}
