import Foundation
import WatchpostCore
import WatchpostStore

/// The one place an officer's action on an incident becomes an event: the JSON action routes
/// and the HTML forms both call `perform`.
public enum IncidentActions {
    /// Checks that `principal` may do `action` on incident `incidentID`, builds the event
    /// (source: the principal; unit: the incident's school; `eventID` and `occurredAt` when
    /// the client chose them for an idempotent retry, else new ones) and publishes it through
    /// `EventPublisher`.
    ///
    /// Throws 401/403 (`scope_missing`, `role_cannot_act`, `forbidden_incident`,
    /// `link_acknowledge_only`, `link_other_incident`), 404 `incident_not_found`, 400
    /// `invalid_event` whose problems name the action's fields (`note`, `action`,
    /// `evidence_url`, `reason`, `level`), 409 for a reused event id, 503.
    public static func perform(
        _ action: IncidentAction,
        on incidentID: UUID,
        eventID: UUID? = nil,
        occurredAt: Date? = nil,
        by principal: Principal,
        environment: APIEnvironment
    ) async throws(APIError) -> PublishedEvent {
        try Access.checkActor(action.type, incident: incidentID, by: principal, directory: environment.directory)
        guard let standing = try await Access.standing(of: incidentID, for: principal, environment: environment) else {
            throw AccessDenial.incidentNotFound
        }
        guard standing.actionable else { throw AccessDenial.forbiddenIncident }
        let publisher = EventPublisher(environment: environment)
        let built = publisher.decoder.event(
            action.type,
            data: action.data(standing),
            eventID: eventID ?? UUID(),
            incidentID: standing.id,
            occurredAt: occurredAt ?? environment.now(),
            source: principal.source,
            unitID: standing.unitID,
            now: environment.now()
        )
        switch built {
        case .success(let event):
            return try await publisher.publish(event, as: principal)
        case .failure(let rejection):
            throw APIError(
                .badRequest,
                code: .invalidEvent,
                message: "the action is not valid: " + rejection.problems.map(\.description).joined(separator: "; "),
                vi: "Thông tin thao tác không hợp lệ; xem danh sách lỗi theo từng trường.",
                problems: rejection.problems
            )
        }
    }
}
