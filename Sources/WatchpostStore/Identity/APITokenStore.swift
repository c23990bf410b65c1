import Foundation
import Postgres
import WatchpostCore

/// The `api_tokens` table: issue, find by hash, revoke, list. Tokens are stored only as their
/// SHA-256 (the caller hashes), so a copy of the database cannot call the API.
public final class APITokenStore: Sendable {
    let pool: PostgresPool

    /// Creates a store on `pool`.
    public init(pool: PostgresPool) { self.pool = pool }

    /// Stores `record` under `hash`, the SHA-256 of the token.
    public func insert(_ record: APITokenRecord, hash: Data) async throws {
        var officer: String?
        var tool: String?
        switch record.owner {
        case .officer(let id): officer = id
        case .tool(let name): tool = name
        }
        try await StoreError.wrapping("issuing an API token") {
            _ = try await pool.withConnection { connection in
                try await connection.execute(
                    """
                    INSERT INTO api_tokens (id, token_sha256, officer_id, tool, scopes, label, created_at, expires_at)
                    VALUES (\(record.id), \(hash), \(officer), \(tool), \(record.scopes)::text[], \(record.label),
                            \(record.createdAt.roundedToMicroseconds), \(record.expiresAt?.roundedToMicroseconds))
                    """
                )
            }
        }
    }

    /// The token whose SHA-256 is `hash`, revoked and expired ones included (the caller says
    /// why it refuses them); `nil` when there is none.
    public func find(hash: Data) async throws -> APITokenRecord? {
        try await StoreError.wrapping("finding an API token") {
            try await pool.withConnection { connection in
                try await connection.query(
                    "SELECT \(unescaped: APITokenRecord.columns) FROM api_tokens WHERE token_sha256 = \(hash)"
                ).first.map(APITokenRecord.decode)
            }
        }
    }

    /// Notes that the token `id` was used at `now`, at most once a minute (so a busy tool does
    /// not write on every request).
    public func markUsed(id: UUID, now: Date) async throws {
        try await StoreError.wrapping("noting an API token's use") {
            _ = try await pool.withConnection { connection in
                try await connection.execute(
                    """
                    UPDATE api_tokens SET last_used_at = \(now.roundedToMicroseconds)
                    WHERE id = \(id) AND (last_used_at IS NULL OR last_used_at < \(now.addingTimeInterval(-60)))
                    """
                )
            }
        }
    }

    /// Revokes the token `id` at `now`; returns the record as it now stands, or `nil` when no
    /// token has that id. Revoking twice keeps the first time.
    public func revoke(id: UUID, now: Date) async throws -> APITokenRecord? {
        try await StoreError.wrapping("revoking an API token") {
            try await pool.withConnection { connection in
                try await connection.query(
                    """
                    UPDATE api_tokens SET revoked_at = coalesce(revoked_at, \(now.roundedToMicroseconds))
                    WHERE id = \(id) RETURNING \(unescaped: APITokenRecord.columns)
                    """
                ).first.map(APITokenRecord.decode)
            }
        }
    }

    /// Every token, newest first.
    public func list() async throws -> [APITokenRecord] {
        try await StoreError.wrapping("listing API tokens") {
            try await pool.withConnection { connection in
                try await connection.query(
                    "SELECT \(unescaped: APITokenRecord.columns) FROM api_tokens ORDER BY created_at DESC, id"
                ).map(APITokenRecord.decode)
            }
        }
    }
}
