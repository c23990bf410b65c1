import Foundation
import Postgres

/// The difference between the stored versions of units (or officers) and the directory file.
struct VersionDiff<Snapshot: Hashable & Codable & Sendable>: Sendable {
    var added: [(id: String, snapshot: Snapshot)] = []
    var changed: [(id: String, snapshot: Snapshot)] = []
    var restored: [(id: String, snapshot: Snapshot)] = []
    var retired: [(id: String, snapshot: Snapshot)] = []

    /// Compares `stored` (id → snapshot and whether retired) with `desired`, in file order.
    init(stored: [String: (snapshot: Snapshot, retired: Bool)], desired: [(id: String, snapshot: Snapshot)]) {
        var seen: Set<String> = []
        for entry in desired where seen.insert(entry.id).inserted {
            guard let current = stored[entry.id] else {
                added.append(entry)
                continue
            }
            if current.retired {
                restored.append(entry)
            } else if current.snapshot != entry.snapshot {
                changed.append(entry)
            }
        }
        for (id, current) in stored.sorted(by: { $0.key < $1.key }) where !current.retired && !seen.contains(id) {
            retired.append((id, current.snapshot))
        }
    }

    /// Rows to upsert into the main table: new, changed and restored entries.
    var upserts: [(id: String, snapshot: Snapshot)] { added + changed + restored }

    /// Closes the current history row of every changed, restored or retired entry and opens the
    /// new one, in two statements. `table` and `key` are trusted constants.
    func writeHistory(table: String, key: String, now: Date, on connection: PostgresConnection) async throws {
        let closing = (changed + restored + retired).map(\.id)
        if !closing.isEmpty {
            try await connection.query(
                """
                UPDATE \(unescaped: table) SET valid_to = GREATEST(valid_from, \(now))
                WHERE \(unescaped: key) = ANY(\(closing)) AND valid_to IS NULL
                """
            )
        }
        var ids: [String] = []
        var changes: [String] = []
        var snapshots: [String] = []
        for (change, entries) in [("added", added), ("changed", changed), ("restored", restored), ("retired", retired)]
        {
            for entry in entries {
                ids.append(entry.id)
                changes.append(change)
                snapshots.append(try SnapshotJSON.encode(entry.snapshot))
            }
        }
        guard !ids.isEmpty else { return }
        try await connection.query(
            """
            INSERT INTO \(unescaped: table) (\(unescaped: key), change, valid_from, snapshot)
            SELECT id, change, \(now), snapshot::jsonb
            FROM unnest(\(ids)::text[], \(changes)::text[], \(snapshots)::text[]) AS t(id, change, snapshot)
            """
        )
    }
}
