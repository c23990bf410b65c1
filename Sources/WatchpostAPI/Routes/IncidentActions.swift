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
        let envelope: [String: any Sendable] = [
            "schema_version": 1,
            "event_id": (eventID ?? UUID()).canonicalString,
            "type": action.type.rawValue,
            "incident_id": standing.id.canonicalString,
            "occurred_at": RFC3339.format(occurredAt ?? environment.now()),
            "source": ["kind": principal.source.kind.rawValue, "id": principal.source.id],
            "unit_id": standing.unitID,
            "data": action.data(escalationLevel: standing.escalationLevel),
        ]
        let bytes: [UInt8]
        do {
            bytes = Array(try JSONSerialization.data(withJSONObject: envelope, options: [.sortedKeys]))
        } catch {
            throw APIError(
                .internalServerError,
                code: .encodingFailed,
                message: "the event could not be encoded",
                vi: "Không tạo được sự kiện."
            )
        }
        do {
            return try await EventPublisher(environment: environment).publish(envelope: bytes, as: principal)
        } catch  where error.code == .invalidEvent {
            throw error.namingActionFields()
        }
    }
}

extension APIError {
    /// The same error with `data.note` shown as `note`: the caller sent the action's fields,
    /// not an envelope.
    func namingActionFields() -> APIError {
        var copy = self
        copy.problems = problems.map { problem in
            var problem = problem
            if problem.path.hasPrefix("data.") { problem.path.removeFirst("data.".count) }
            return problem
        }
        copy.message = "the action is not valid: " + copy.problems.map(\.description).joined(separator: "; ")
        copy.messageVI = "Thông tin thao tác không hợp lệ; xem danh sách lỗi theo từng trường."
        return copy
    }
}
