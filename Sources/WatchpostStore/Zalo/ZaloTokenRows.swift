import Foundation
import Postgres

/// The `zalo_tokens` table: the Official Account's tokens, one row per app, that every worker's
/// ZNS channel shares.
public final class ZaloTokenRows: Sendable {
    /// One stored row.
    public struct Row: Sendable, Hashable {
        /// The access token; `nil` before the first refresh.
        public var accessToken: String?
        /// The refresh token for the next refresh.
        public var refreshToken: String
        /// When the access token expires.
        public var expiresAt: Date?
        /// SHA-256 of the first refresh token the chain started from.
        public var seed: String

        /// Creates a row.
        public init(accessToken: String?, refreshToken: String, expiresAt: Date?, seed: String) {
            self.accessToken = accessToken
            self.refreshToken = refreshToken
            self.expiresAt = expiresAt
            self.seed = seed
        }
    }

    let pool: PostgresPool

    /// Creates the table's queries on `pool`.
    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// The row of `appID` as committed, without waiting for a lock; `nil` when none yet.
    public func current(appID: String) async throws -> Row? {
        try await StoreError.wrapping("reading the Zalo tokens") {
            try await pool.withConnection { connection in
                let rows = try await connection.query(
                    """
                    SELECT access_token, refresh_token, expires_at, seed FROM zalo_tokens
                    WHERE app_id = \(appID) AND seed <> ''
                    """
                )
                return try rows.first.map(Self.row)
            }
        }
    }

    /// Runs `body` with the row of `appID` (`nil` when none yet) locked `FOR UPDATE`, in one
    /// transaction, and stores the row it returns: every other caller, in any worker, waits
    /// and then sees the new row. When `body` throws, the transaction rolls back.
    public func withLock(appID: String, _ body: (Row?) async throws -> Row) async throws -> Row {
        try await StoreError.wrapping("refreshing the Zalo tokens") {
            try await pool.withTransaction { connection in
                // A row to lock, even before the first refresh; a concurrent insert waits here.
                try await connection.query(
                    """
                    INSERT INTO zalo_tokens (app_id, refresh_token, seed) VALUES (\(appID), '', '')
                    ON CONFLICT (app_id) DO NOTHING
                    """
                )
                let rows = try await connection.query(
                    """
                    SELECT access_token, refresh_token, expires_at, seed FROM zalo_tokens
                    WHERE app_id = \(appID) FOR UPDATE
                    """
                )
                let stored = try rows.first.map(Self.row).flatMap { $0.seed.isEmpty ? nil : $0 }
                let next = try await body(stored)
                guard next != stored else { return next }
                try await connection.query(
                    """
                    UPDATE zalo_tokens SET access_token = \(next.accessToken), refresh_token = \(next.refreshToken),
                        expires_at = \(next.expiresAt?.roundedToMicroseconds), seed = \(next.seed), refreshed_at = now()
                    WHERE app_id = \(appID)
                    """
                )
                return next
            }
        }
    }

    private static func row(_ row: PostgresRow) throws -> Row {
        Row(
            accessToken: try row.decode(String?.self, at: 0),
            refreshToken: try row.decode(String.self, at: 1),
            expiresAt: try row.decode(Date?.self, at: 2),
            seed: try row.decode(String.self, at: 3)
        )
    }
}
