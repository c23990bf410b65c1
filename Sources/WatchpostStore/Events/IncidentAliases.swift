import Foundation
import Postgres

/// The `incident_aliases` table: incident ids of duplicate reports, each pointing at the
/// incident the report was attached to (PagerDuty `dedup_key` semantics).
///
/// A producer only knows the incident id it reported under. When that report lands on another
/// open incident, its id becomes an alias, and every later event for it is applied to the
/// incident it names. Aliases never chain: an id is aliased only when no incident has it, and it
/// points at the (real) incident the router attached the report to.
enum IncidentAliases {
    /// One alias made by a report in this batch.
    struct Alias: Equatable {
        var aliasID: UUID
        var incidentID: UUID
        var eventID: UUID
    }

    /// The incident each of `ids` stands for, for the ids that are aliases (others are absent).
    /// Call with the advisory locks of `ids` held: aliases are written under the lock of the
    /// aliased id and never change, so the answer stays true until commit.
    static func resolve(_ ids: [UUID], on connection: PostgresConnection) async throws -> [UUID: UUID] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await connection.query(
            "SELECT alias_id, incident_id FROM incident_aliases WHERE alias_id = ANY(\(ids))"
        )
        var result: [UUID: UUID] = [:]
        for row in rows {
            result[try row.decode(UUID.self, at: 0)] = try row.decode(UUID.self, at: 1)
        }
        return result
    }

    /// Records `aliases` in one statement. Write the incidents first (foreign key). An alias that
    /// exists already is left as it was, so replays are harmless.
    static func insert(_ aliases: [Alias], now: Date, on connection: PostgresConnection) async throws {
        guard !aliases.isEmpty else { return }
        try await connection.query(
            """
            INSERT INTO incident_aliases (alias_id, incident_id, created_at, event_id)
            SELECT alias_id, incident_id, \(now), event_id
            FROM unnest(\(aliases.map(\.aliasID))::uuid[], \(aliases.map(\.incidentID))::uuid[],
                        \(aliases.map(\.eventID))::uuid[]) AS t(alias_id, incident_id, event_id)
            ON CONFLICT (alias_id) DO NOTHING
            """
        )
    }
}
