import Foundation
import Hummingbird
import WatchpostCore
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

    /// The principal of the session `secret`, or `nil` when it is unknown, expired, revoked, or
    /// its officer left the directory (the caller is then signed out).
    func principal(secret: String) async throws(APIError) -> Principal? {
        let now = environment.now()
        let record = try await IdentityDatabase.run(environment, "finding a session") {
            try await store.find(hash: IdentitySecret.sha256(secret), now: now)
        }
        guard let record, let officer = environment.directory.officer(record.officerID) else { return nil }
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
