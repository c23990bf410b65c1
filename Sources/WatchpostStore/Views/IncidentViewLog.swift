import Foundation
import Postgres
import WatchpostCore

extension IncidentViews {
    /// Records that `viewer` (an officer or a tool) saw incident `id` through `route` at `now`
    /// (Personal Data Protection Law 91/2025/QH15: views of incidents involving a student).
    public func logView(of id: UUID, by viewer: EventSource, route: String, at now: Date) async throws {
        let officer = viewer.kind == .officer ? viewer.id : nil
        let tool = viewer.kind == .officer ? nil : viewer.id
        try await StoreError.wrapping("logging a view of \(id.canonicalString)") {
            _ = try await pool.withConnection { connection in
                try await connection.execute(
                    """
                    INSERT INTO incident_views (incident_id, officer_id, tool, route, viewed_at)
                    VALUES (\(id), \(officer), \(tool), \(route), \(now.roundedToMicroseconds))
                    """
                )
            }
        }
    }

    /// The views logged for incident `id`, oldest first: who (`officer:ID` / `tool:NAME`),
    /// through which route, and when.
    public func views(of id: UUID) async throws -> [(viewer: String, route: String, at: Date)] {
        try await StoreError.wrapping("reading the views of \(id.canonicalString)") {
            try await pool.withConnection { connection in
                try await connection.query(
                    """
                    SELECT coalesce('officer:' || officer_id, 'tool:' || tool), route, viewed_at
                    FROM incident_views WHERE incident_id = \(id) ORDER BY viewed_at, id
                    """
                ).map { row in
                    (
                        try row.decode(String.self, at: 0), try row.decode(String.self, at: 1),
                        try row.decode(Date.self, at: 2)
                    )
                }
            }
        }
    }
}
