import Foundation
import WatchpostCore
import WatchpostStore

/// The log of views of children's incidents (Personal Data Protection Law 91/2025/QH15, in
/// force since 1 January 2026): every route or page that shows an incident calls `record`
/// after the access check and before answering.
public enum IncidentViewLog {
    /// Logs that `principal` viewed the incident through `route` (e.g. `GET /v1/incidents/{id}`,
    /// `page /incidents/{id}`) when a student is among its subjects. Fails closed: when the
    /// view cannot be logged the caller answers 503 instead of showing the incident.
    public static func record(
        _ standing: IncidentStanding,
        by principal: Principal,
        route: String,
        environment: APIEnvironment
    ) async throws(APIError) {
        guard standing.involvesChild else { return }
        do {
            try await IncidentViews(pool: environment.pool).logView(
                of: standing.id,
                by: principal.source,
                route: route,
                at: environment.now()
            )
        } catch {
            throw APIError.databaseUnavailable(error, environment: environment)
        }
    }
}
