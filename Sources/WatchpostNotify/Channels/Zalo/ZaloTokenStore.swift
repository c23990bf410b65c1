import Foundation
import Synchronization

/// The Official Account's tokens as stored for every worker to share.
public struct ZaloStoredTokens: Sendable, Hashable {
    /// The access token sent with every ZNS request; `nil` before the first refresh.
    public var accessToken: String?
    /// The refresh token for the next refresh. Zalo accepts each one once.
    public var refreshToken: String
    /// When the access token stops working; `nil` before the first refresh.
    public var expiresAt: Date?
    /// SHA-256 (hex) of the operator's `WATCHPOST_ZNS_REFRESH_TOKEN` the chain started from: a
    /// new one in the environment replaces the stored chain.
    public var seed: String

    /// Creates a value.
    public init(accessToken: String?, refreshToken: String, expiresAt: Date?, seed: String) {
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.expiresAt = expiresAt
        self.seed = seed
    }
}

/// Where the ZNS channel keeps the Official Account's tokens, shared by every worker.
///
/// Zalo's refresh tokens are single-use and rotate on every refresh, so two workers refreshing
/// at once would leave one holding a refused token: `withLock` runs its body while every other
/// caller (in this process or another) waits, and stores what it returns.
public protocol ZaloTokenStore: Sendable {
    /// The stored tokens of `appID` read without waiting for the lock; `nil` when none yet.
    func current(appID: String) async throws -> ZaloStoredTokens?

    /// Runs `body` with the stored tokens of `appID` (or `nil`) under an exclusive lock, saves
    /// the tokens it returns, and returns them. When `body` throws, nothing is saved.
    func withLock(
        appID: String,
        _ body: @Sendable (ZaloStoredTokens?) async throws -> ZaloStoredTokens
    ) async throws -> ZaloStoredTokens
}

/// A `ZaloTokenStore` in this process only: for a single worker, and for tests. Workers that
/// share an Official Account must share a database-backed store instead.
public final class ProcessZaloTokenStore: ZaloTokenStore {
    private let lock = AsyncSemaphore(permits: 1)
    private let tokens = Mutex<[String: ZaloStoredTokens]>([:])

    /// Creates an empty store.
    public init() {}

    /// The stored tokens of `appID`.
    public func current(appID: String) async throws -> ZaloStoredTokens? {
        tokens.withLock { $0[appID] }
    }

    /// Runs `body` while holding this process's lock, and stores its result.
    public func withLock(
        appID: String,
        _ body: @Sendable (ZaloStoredTokens?) async throws -> ZaloStoredTokens
    ) async throws -> ZaloStoredTokens {
        try await lock.acquire()
        defer { lock.release() }
        let saved = try await body(tokens.withLock { $0[appID] })
        tokens.withLock { $0[appID] = saved }
        return saved
    }
}
