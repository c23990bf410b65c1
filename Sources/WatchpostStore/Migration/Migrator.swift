import Logging
import Postgres

/// Brings a database's schema up to date with the migrations shipped in this module.
///
/// All pending migrations run in one transaction that first takes a transaction-scoped advisory
/// lock, so any number of workers may call `migrate` at once: one applies, the others wait and
/// then find nothing to do. Each applied migration is recorded in `schema_migrations` with a
/// checksum; editing an applied file is an error, never silently ignored.
public enum Migrator {
    /// The advisory lock key every Watchpost migrator takes (the ASCII of "wpmigrat").
    static let lockKey: Int64 = 0x7770_6D69_6772_6174

    /// Applies every pending migration and returns the versions applied now (empty when the
    /// schema was already current). Throws `StoreError` (`migrationChanged`, `unknownMigration`,
    /// `migrationFiles`, or `database` with the failing statement's error); nothing is applied then.
    @discardableResult
    public static func migrate(_ pool: PostgresPool, logger: Logger) async throws -> [Int] {
        let files = try MigrationFile.bundled()
        return try await migrate(pool, files: files, logger: logger)
    }

    static func migrate(_ pool: PostgresPool, files: [MigrationFile], logger: Logger) async throws -> [Int] {
        try await StoreError.wrapping("migrating the schema") {
            try await pool.withTransaction { connection in
                try await connection.query("SELECT pg_advisory_xact_lock(\(lockKey))")
                try await connection.executeScript(
                    """
                    CREATE TABLE IF NOT EXISTS schema_migrations (
                        version    integer PRIMARY KEY,
                        name       text NOT NULL,
                        checksum   text NOT NULL,
                        applied_at timestamptz NOT NULL DEFAULT now()
                    )
                    """
                )
                let rows = try await connection.query("SELECT version, name, checksum FROM schema_migrations")
                var applied: [Int: (name: String, checksum: String)] = [:]
                for row in rows {
                    applied[try row.decode(Int.self, at: 0)] = (
                        try row.decode(String.self, at: 1), try row.decode(String.self, at: 2)
                    )
                }
                try check(applied: applied, against: files)
                var appliedNow: [Int] = []
                for file in files where applied[file.version] == nil {
                    logger.info("applying migration", metadata: ["version": "\(file.version)", "name": "\(file.name)"])
                    do {
                        try await connection.executeScript(file.sql)
                    } catch let error as PostgresError {
                        throw StoreError(
                            code: .database,
                            message: "migration \(file.version)_\(file.name) failed; nothing was applied",
                            underlying: error,
                            isRetriable: error.isRetriable
                        )
                    }
                    try await connection.query(
                        """
                        INSERT INTO schema_migrations (version, name, checksum)
                        VALUES (\(file.version), \(file.name), \(file.checksum))
                        """
                    )
                    appliedNow.append(file.version)
                }
                return appliedNow
            }
        }
    }

    /// Every applied migration must still ship, unchanged.
    private static func check(applied: [Int: (name: String, checksum: String)], against files: [MigrationFile])
        throws(StoreError)
    {
        for (version, record) in applied.sorted(by: { $0.key < $1.key }) {
            guard let file = files.first(where: { $0.version == version }) else {
                throw StoreError(
                    code: .unknownMigration,
                    message: "the database has migration \(version)_\(record.name), which this program does not "
                        + "know; run a newer Watchpost"
                )
            }
            guard file.checksum == record.checksum else {
                throw StoreError(
                    code: .migrationChanged,
                    message: "migration \(version)_\(file.name) changed after it was applied; add a new "
                        + "migration instead of editing an applied one"
                )
            }
        }
    }
}
