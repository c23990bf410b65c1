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

    /// Creates a record.
    public init(officerID: OfficerID, csrfToken: String, createdAt: Date, expiresAt: Date) {
        self.officerID = officerID
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.expiresAt = expiresAt
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
                    INSERT INTO sessions (id_sha256, officer_id, csrf_token, created_at, expires_at)
                    VALUES (\(hash), \(session.officerID), \(session.csrfToken),
                            \(session.createdAt.roundedToMicroseconds), \(session.expiresAt.roundedToMicroseconds))
                    """
                )
            }
        }
    }

    /// The session under `hash` if it is neither revoked nor expired at `now`.
    public func find(hash: Data, now: Date) async throws -> SessionRecord? {
        try await StoreError.wrapping("finding a session") {
            try await pool.withConnection { connection in
                try await connection.query(
                    """
                    SELECT officer_id, csrf_token, created_at, expires_at FROM sessions
                    WHERE id_sha256 = \(hash) AND revoked_at IS NULL AND expires_at > \(now)
                    """
                ).first.map { row in
                    SessionRecord(
                        officerID: try row.decode(String.self, at: 0),
                        csrfToken: try row.decode(String.self, at: 1),
                        createdAt: try row.decode(Date.self, at: 2),
                        expiresAt: try row.decode(Date.self, at: 3)
                    )
                }
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
