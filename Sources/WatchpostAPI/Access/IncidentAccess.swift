import Foundation
import WatchpostCore
import WatchpostStore

extension Access {
    /// Incident `id` as `principal` stands to it (visible, actionable), or nil when there is no
    /// such incident. Throws 503 when the database does not answer.
    public static func standing(of id: UUID, for principal: Principal, environment: APIEnvironment)
        async throws(APIError)
        -> IncidentStanding?
    {
        let directory = environment.directory
        do {
            return try await IncidentViews(pool: environment.pool).standing(
                of: id,
                view: visibility(of: principal, directory: directory),
                act: actingScope(of: principal, directory: directory)
            )
        } catch {
            throw APIError.databaseUnavailable(error, environment: environment)
        }
    }

    /// The incident `id` if `principal` may see it; 404 when there is none, 403
    /// `forbidden_incident` when it is not theirs.
    public static func viewableIncident(_ id: UUID, by principal: Principal, environment: APIEnvironment)
        async throws(APIError)
        -> IncidentStanding
    {
        guard let standing = try await standing(of: id, for: principal, environment: environment) else {
            throw AccessDenial.incidentNotFound
        }
        guard standing.visible else { throw AccessDenial.forbiddenIncident }
        return standing
    }

    /// Whether `principal` may see incident `id` (false when there is none).
    public static func canView(incident id: UUID, by principal: Principal, environment: APIEnvironment) async -> Bool {
        (try? await standing(of: id, for: principal, environment: environment))??.visible ?? false
    }

    /// Whether `principal` may send an event of `type` on incident `id`: the scope, the role
    /// and the incident (a link: acknowledge its incident only).
    public static func canAct(
        _ type: EventType,
        incident id: UUID,
        by principal: Principal,
        environment: APIEnvironment
    )
        async -> Bool
    {
        guard (try? checkActor(type, incident: id, by: principal, directory: environment.directory)) != nil else {
            return false
        }
        return (try? await standing(of: id, for: principal, environment: environment))??.actionable ?? false
    }
}

extension APIError {
    /// 503 for a database that did not answer; the cause goes to the log, not to the caller.
    static func databaseUnavailable(_ error: any Error, environment: APIEnvironment) -> APIError {
        environment.logger.error("database read failed", metadata: ["error": "\(error)"])
        return APIError(
            .serviceUnavailable,
            code: .databaseUnavailable,
            message: "the database is unavailable; try again shortly",
            vi: "Cơ sở dữ liệu tạm thời không sẵn sàng; đề nghị thử lại sau."
        )
    }
}
