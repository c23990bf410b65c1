import Foundation
import Postgres
import Synchronization
import WatchpostCore

/// The directory the workers route with: `directory.yaml`'s, with the closures and absences
/// declared through the API laid over it (issue 29).
///
/// Each transaction asks for it with `directory(on:)`: one indexed read of the latest revision,
/// and the declarations are read again only when it moved. Because the revision is read inside
/// the transaction, a batch routed after a declaration committed always sees it.
public final class DirectorySource: Sendable {
    /// The directory as loaded from the file.
    public let base: Directory
    private let cache: Mutex<Entry>

    /// The directory at one revision.
    public struct Entry: Sendable {
        /// The revision of the declarations laid over it.
        public var revision: Int64
        /// The directory with them.
        public var directory: Directory
    }

    /// How long after its last day a declaration is still read: a deadline planned before a
    /// closure ended is still counted across it.
    static let lookBackDays = 62

    /// A source over `base`, before any declaration is read.
    public init(base: Directory) {
        self.base = base
        cache = Mutex(Entry(revision: 0, directory: base))
    }

    /// The directory with every declaration in force at the latest revision.
    ///
    /// Holds the declarations' lock shared until the transaction ends (`lockKey`): a declaration
    /// commits either before this transaction reads the revision, or after it commits, so the
    /// enforcer that applies the declaration to open deadlines always sees what this wrote.
    public func directory(on connection: PostgresConnection) async throws -> Entry {
        // Two statements: a statement reads the snapshot taken when it starts, so the revision
        // must be read by one that starts after the lock is held.
        try await connection.query("SELECT pg_advisory_xact_lock_shared(\(Self.lockKey.0), \(Self.lockKey.1))")
        let latest =
            try await connection.query(Self.revisionQuery).first?.decode(Int64.self, at: 0) ?? 0
        let cached = cache.withLock { $0 }
        if cached.revision == latest { return cached }
        let entry = Entry(revision: latest, directory: try await directory(at: latest, on: connection))
        cache.withLock { current in
            if current.revision < entry.revision { current = entry }
        }
        return entry
    }

    /// The directory with the declarations in force at `revision`: declared at or before it and
    /// not withdrawn by then.
    public func directory(at revision: Int64, on connection: PostgresConnection) async throws -> Directory {
        guard revision > 0 else { return base }
        let since = CivilDay(Date()).adding(days: -Self.lookBackDays)
        let declarations = try await connection.query(
            """
            SELECT \(unescaped: Declaration.columns) FROM declarations
            WHERE declared_revision <= \(revision) AND (withdrawn_revision IS NULL OR withdrawn_revision > \(revision))
              AND last_day >= \(since.description)::date
            ORDER BY declared_revision
            """
        ).map(Declaration.decode)
        return base.declaring(declarations.asDirectoryDeclarations)
    }

    /// The latest revision. `WHERE only_row` lets the planner use the primary key: a batch plans
    /// with sequential scans disabled (`EventStore.preferIndexLookups`), and without a usable
    /// index PostgreSQL took 4–60 ms to read this one row (measured by `scripts/bench`).
    static let revisionQuery: PostgresQuery = "SELECT revision FROM declaration_state WHERE only_row"

    /// The advisory lock (two-key form) a declaration holds exclusively while it is written and
    /// every routing transaction holds shared while it plans deadlines.
    static let lockKey: (Int32, Int32) = (0x5750_4443, 0)
}
