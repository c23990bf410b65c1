import Foundation
import Postgres
import WatchpostCore

/// A browser session after a passwordless sign-in.
public struct SessionRecord: Sendable, Hashable {
    /// The signed-in officer.
    public var officerID: OfficerID
    /// The token the session's forms must echo.
    public var csrfToken: String
    /// When it began.
    public var createdAt: Date
    /// When it ends.
    public var expiresAt: Date
    /// When it was last used, to within the store's write interval (`touch`).
    public var lastSeenAt: Date

    /// Creates a record; a new session was last seen when it began.
    public init(officerID: OfficerID, csrfToken: String, createdAt: Date, expiresAt: Date, lastSeenAt: Date? = nil) {
        self.officerID = officerID
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.lastSeenAt = lastSeenAt ?? createdAt
    }
}

/// The `sessions` table. The cookie holds the session secret; the table holds only its SHA-256
/// (the caller hashes).
public final class SessionStore: Sendable {
    let pool: PostgresPool

    /// Creates a store on `pool`.
    public init(pool: PostgresPool) { self.pool = pool }

    /// Stores a new session under `hash`.
    public func create(_ session: SessionRecord, hash: Data) async throws {
        try await StoreError.wrapping("starting a session") {
            _ = try await pool.withConnection { connection in
                try await connection.execute(
                    """
                    INSERT INTO sessions (id_sha256, officer_id, csrf_token, created_at, expires_at, last_seen_at)
                    VALUES (\(hash), \(session.officerID), \(session.csrfToken),
                            \(session.createdAt.roundedToMicroseconds), \(session.expiresAt.roundedToMicroseconds),
                            \(session.lastSeenAt.roundedToMicroseconds))
                    """
                )
            }
        }
    }

    /// The session under `hash` if it is neither revoked nor expired at `now`, and was last
    /// seen after `idleSince` (when given).
    public func find(hash: Data, now: Date, idleSince: Date? = nil) async throws -> SessionRecord? {
        try await StoreError.wrapping("finding a session") {
            try await pool.withConnection { connection in
                try await connection.query(
                    """
                    SELECT officer_id, csrf_token, created_at, expires_at, last_seen_at FROM sessions
                    WHERE id_sha256 = \(hash) AND revoked_at IS NULL AND expires_at > \(now)
                      AND (\(idleSince)::timestamptz IS NULL OR last_seen_at > \(idleSince))
                    """
                ).first.map { row in
                    SessionRecord(
                        officerID: try row.decode(String.self, at: 0),
                        csrfToken: try row.decode(String.self, at: 1),
                        createdAt: try row.decode(Date.self, at: 2),
                        expiresAt: try row.decode(Date.self, at: 3),
                        lastSeenAt: try row.decode(Date.self, at: 4)
                    )
                }
            }
        }
    }

    /// Notes that the session under `hash` was used at `now`, unless that was already noted
    /// after `unlessSince` (so a busy session is written at most once per interval). Returns
    /// whether a row was written.
    @discardableResult
    public func touch(hash: Data, now: Date, unlessSince: Date) async throws -> Bool {
        try await StoreError.wrapping("noting a session's use") {
            try await pool.withConnection { connection in
                try await connection.execute(
                    """
                    UPDATE sessions SET last_seen_at = \(now.roundedToMicroseconds)
                    WHERE id_sha256 = \(hash) AND revoked_at IS NULL AND last_seen_at <= \(unlessSince)
                    """
                ) == 1
            }
        }
    }

    /// Revokes every live session of `officerID` at `now` (`watchpost token revoke --sessions`);
    /// returns how many were live.
    public func revokeAll(officerID: OfficerID, now: Date) async throws -> Int {
        try await StoreError.wrapping("ending an officer's sessions") {
            try await pool.withConnection { connection in
                try await connection.execute(
                    """
                    UPDATE sessions SET revoked_at = \(now.roundedToMicroseconds)
                    WHERE officer_id = \(officerID) AND revoked_at IS NULL AND expires_at > \(now)
                    """
                )
            }
        }
    }

    /// Revokes the session under `hash` at `now`; returns whether a live session was revoked.
    @discardableResult
    public func revoke(hash: Data, now: Date) async throws -> Bool {
        try await StoreError.wrapping("ending a session") {
            try await pool.withConnection { connection in
                try await connection.execute(
                    """
                    UPDATE sessions SET revoked_at = \(now.roundedToMicroseconds)
                    WHERE id_sha256 = \(hash) AND revoked_at IS NULL
                    """
                ) == 1
            }
        }
    }
}
