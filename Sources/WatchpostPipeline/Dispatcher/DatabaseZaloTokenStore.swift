import Foundation
import WatchpostNotify
import WatchpostStore

/// The ZNS channel's tokens in PostgreSQL (`zalo_tokens`), so every worker shares one token
/// and one refresh-token chain: refreshes happen under the row's `FOR UPDATE` lock.
public struct DatabaseZaloTokenStore: ZaloTokenStore {
    let rows: ZaloTokenRows

    /// Creates the store on `rows`.
    public init(rows: ZaloTokenRows) {
        self.rows = rows
    }

    /// The committed tokens, without waiting for the lock.
    public func current(appID: String) async throws -> ZaloStoredTokens? {
        try await rows.current(appID: appID).map(Self.tokens)
    }

    /// Runs `body` with the row locked in PostgreSQL and stores its result.
    public func withLock(
        appID: String,
        _ body: @Sendable (ZaloStoredTokens?) async throws -> ZaloStoredTokens
    ) async throws -> ZaloStoredTokens {
        let row = try await rows.withLock(appID: appID) { stored in
            let next = try await body(stored.map(Self.tokens))
            return ZaloTokenRows.Row(
                accessToken: next.accessToken,
                refreshToken: next.refreshToken,
                expiresAt: next.expiresAt,
                seed: next.seed
            )
        }
        return Self.tokens(row)
    }

    private static func tokens(_ row: ZaloTokenRows.Row) -> ZaloStoredTokens {
        ZaloStoredTokens(
            accessToken: row.accessToken,
            refreshToken: row.refreshToken,
            expiresAt: row.expiresAt,
            seed: row.seed
        )
    }
}
