import Foundation
import Postgres
import WatchpostCore

/// Copies the directory (units and officers) into the store, keeping every earlier version.
///
/// A unit or officer that disappears from the file is retired (`retired_at`), never deleted, and
/// every change closes the current `unit_history`/`officer_history` row and opens a new one, so
/// old incidents keep their place in the tree when it is re-mapped. Running it again with the
/// same directory writes nothing. Run it at start-up, before the first `EventStore.applyBatch`:
/// incidents and alerts refer to units and officers by foreign key.
public struct DirectorySync {
    /// The advisory lock key that serialises concurrent syncs ("wpdirsyn").
    static let lockKey: Int64 = 0x7770_6469_7273_796E

    /// Upserts `directory` in one transaction and reports what changed. Throws `StoreError`.
    @discardableResult
    public static func sync(_ directory: Directory, pool: PostgresPool, now: Date) async throws -> DirectorySyncReport {
        try await StoreError.wrapping("syncing the directory") {
            try await pool.withTransaction { connection in
                try await connection.query("SELECT pg_advisory_xact_lock(\(lockKey))")
                var report = DirectorySyncReport()
                let units = VersionDiff(
                    stored: try await stored(UnitSnapshot.self, table: "units", on: connection),
                    desired: directory.units.map { ($0.id, UnitSnapshot($0)) }
                )
                try await upsertUnits(units.upserts, now: now, on: connection)
                try await retire(units.retired.map(\.id), table: "units", now: now, on: connection)
                try await units.writeHistory(table: "unit_history", key: "unit_id", now: now, on: connection)
                report.unitsAdded = units.added.count
                report.unitsChanged = units.changed.count
                report.unitsRestored = units.restored.count
                report.unitsRetired = units.retired.count

                let officers = VersionDiff(
                    stored: try await stored(OfficerSnapshot.self, table: "officers", on: connection),
                    desired: directory.officers.map { ($0.id, OfficerSnapshot($0)) }
                )
                try await upsertOfficers(officers.upserts, now: now, on: connection)
                try await retire(officers.retired.map(\.id), table: "officers", now: now, on: connection)
                try await officers.writeHistory(table: "officer_history", key: "officer_id", now: now, on: connection)
                report.officersAdded = officers.added.count
                report.officersChanged = officers.changed.count
                report.officersRestored = officers.restored.count
                report.officersRetired = officers.retired.count
                return report
            }
        }
    }

    private static func stored<Snapshot: Decodable>(
        _ type: Snapshot.Type,
        table: String,
        on connection: PostgresConnection
    ) async throws -> [String: (snapshot: Snapshot, retired: Bool)] {
        let rows = try await connection.query(
            "SELECT id, snapshot::text, retired_at IS NOT NULL FROM \(unescaped: table) FOR UPDATE"
        )
        var result: [String: (snapshot: Snapshot, retired: Bool)] = [:]
        for row in rows {
            let id = try row.decode(String.self, at: 0)
            let snapshot = try SnapshotJSON.decode(
                Snapshot.self,
                try row.decode(String.self, at: 1),
                row: "\(table) \(id)"
            )
            result[id] = (snapshot, try row.decode(Bool.self, at: 2))
        }
        return result
    }

    private static func upsertUnits(
        _ entries: [(id: String, snapshot: UnitSnapshot)],
        now: Date,
        on connection: PostgresConnection
    ) async throws {
        guard !entries.isEmpty else { return }
        let units = entries.map(\.snapshot)
        let snapshots = try units.map { try SnapshotJSON.encode($0) }
        try await connection.query(
            """
            INSERT INTO units (id, kind, name, name_en, parent_id, commune_id, police_id, reports_to, snapshot,
                               created_at, updated_at, retired_at)
            SELECT id, kind, name, name_en, parent_id, commune_id, police_id, reports_to, snapshot::jsonb,
                   \(now), \(now), NULL
            FROM unnest(\(units.map(\.id))::text[], \(units.map(\.kind))::text[], \(units.map(\.name))::text[],
                        \(units.map(\.nameEN))::text[], \(units.map(\.parent))::text[], \(units.map(\.commune))::text[],
                        \(units.map(\.police))::text[], \(units.map(\.reportsTo))::text[], \(snapshots)::text[])
                 AS t(id, kind, name, name_en, parent_id, commune_id, police_id, reports_to, snapshot)
            ON CONFLICT (id) DO UPDATE SET
                kind = excluded.kind, name = excluded.name, name_en = excluded.name_en,
                parent_id = excluded.parent_id, commune_id = excluded.commune_id, police_id = excluded.police_id,
                reports_to = excluded.reports_to, snapshot = excluded.snapshot,
                updated_at = excluded.updated_at, retired_at = NULL
            """
        )
    }

    private static func upsertOfficers(
        _ entries: [(id: String, snapshot: OfficerSnapshot)],
        now: Date,
        on connection: PostgresConnection
    ) async throws {
        guard !entries.isEmpty else { return }
        let officers = entries.map(\.snapshot)
        let roles = try officers.map { try $0.roles.postgresText() ?? "{}" }
        let channels = try officers.map { try SnapshotJSON.encode($0.channels) }
        let snapshots = try officers.map { try SnapshotJSON.encode($0) }
        try await connection.query(
            """
            INSERT INTO officers (id, name, unit_id, roles, locale, channels, snapshot, created_at, updated_at, retired_at)
            SELECT id, name, unit_id, roles::text[], locale, channels::jsonb, snapshot::jsonb, \(now), \(now), NULL
            FROM unnest(\(officers.map(\.id))::text[], \(officers.map(\.name))::text[], \(officers.map(\.unit))::text[],
                        \(roles)::text[], \(officers.map(\.locale))::text[], \(channels)::text[], \(snapshots)::text[])
                 AS t(id, name, unit_id, roles, locale, channels, snapshot)
            ON CONFLICT (id) DO UPDATE SET
                name = excluded.name, unit_id = excluded.unit_id, roles = excluded.roles, locale = excluded.locale,
                channels = excluded.channels, snapshot = excluded.snapshot,
                updated_at = excluded.updated_at, retired_at = NULL
            """
        )
    }

    private static func retire(_ ids: [String], table: String, now: Date, on connection: PostgresConnection)
        async throws
    {
        guard !ids.isEmpty else { return }
        try await connection.query(
            "UPDATE \(unescaped: table) SET retired_at = \(now), updated_at = \(now) WHERE id = ANY(\(ids))"
        )
    }
}
