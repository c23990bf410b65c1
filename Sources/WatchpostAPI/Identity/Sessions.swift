import Foundation
import Hummingbird
import WatchpostCore
import WatchpostPresentation
import WatchpostStore

/// Starts, finds and ends browser sessions (`sessions`; the cookie holds the secret, the table
/// its hash).
struct Sessions {
    let environment: APIEnvironment
    private var store: SessionStore { SessionStore(pool: environment.pool) }

    /// Starts a session for `officer` and answers `303 See Other` to `location` with its cookie.
    func start(for officer: Officer, redirectTo location: String) async throws(APIError) -> Response {
        let secret = IdentitySecret.random()
        let now = environment.now()
        let record = SessionRecord(
            officerID: officer.id,
            csrfToken: IdentitySecret.random(),
            createdAt: now,
            expiresAt: now.addingTimeInterval(DeadlineDuration.seconds(SessionCookie.lifetime))
        )
        try await IdentityDatabase.run(environment, "starting a session") {
            try await store.create(record, hash: IdentitySecret.sha256(secret))
        }
        var response = Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
        response.setCookie(SessionCookie.issue(secret, environment: environment))
        return response
    }

    /// How often at most a session's `last_seen_at` is written: a busy session costs one write
    /// a minute, not one per request. Idle expiry is therefore exact to within this interval.
    static let touchInterval: TimeInterval = 60

    /// The principal of the session `secret`, or `nil` when it is unknown, expired, idle past
    /// `sessionIdleTimeout`, revoked, or its officer left the directory (the caller is then
    /// signed out). A live session's last use is noted when the noted one is a minute old.
    func principal(secret: String) async throws(APIError) -> Principal? {
        let now = environment.now()
        let hash = IdentitySecret.sha256(secret)
        let idle = DeadlineDuration.seconds(environment.settings.settings.sessionIdleTimeout)
        let record = try await IdentityDatabase.run(environment, "finding a session") {
            try await store.find(hash: hash, now: now, idleSince: now.addingTimeInterval(-idle))
        }
        guard let record, let officer = environment.directory.officer(record.officerID) else { return nil }
        if record.lastSeenAt <= now.addingTimeInterval(-Self.touchInterval) {
            do {
                try await store.touch(hash: hash, now: now, unlessSince: now.addingTimeInterval(-Self.touchInterval))
            } catch {
                // Bookkeeping: the session is valid either way; it may only expire a little early.
                environment.logger.warning("could not note a session's use", metadata: ["error": "\(error)"])
            }
        }
        return .officer(officer, .session(csrfToken: record.csrfToken))
    }

    /// Ends the session `secret`.
    func end(secret: String) async throws(APIError) {
        let now = environment.now()
        _ = try await IdentityDatabase.run(environment, "ending a session") {
            try await store.revoke(hash: IdentitySecret.sha256(secret), now: now)
        }
    }
}
