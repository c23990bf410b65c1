import Foundation
import WatchpostCore
import WatchpostPresentation
import WatchpostStore

/// Turns `Authorization: Bearer wpt_…` into a principal, or a 401 that says why: a malformed
/// header, an unknown, revoked or expired token, or an officer no longer in the directory. A
/// request with a bad token is never served as anonymous.
struct BearerAuthentication {
    let environment: APIEnvironment

    /// The principal for the `Authorization` header's value.
    func principal(authorization: String) async throws(APIError) -> Principal {
        let parts = authorization.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw refusal(
                .tokenMalformed,
                "the Authorization header must be `Bearer wpt_…`",
                vi: "Tiêu đề Authorization phải có dạng `Bearer wpt_…`."
            )
        }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        guard APIToken.isWellFormed(token) else {
            throw refusal(
                .tokenMalformed,
                "the bearer token is not a Watchpost token (wpt_…)",
                vi: "Mã truy cập không đúng định dạng của Watchpost (wpt_…)."
            )
        }
        let store = APITokenStore(pool: environment.pool)
        let now = environment.now()
        let found = try await IdentityDatabase.run(environment, "checking a token") {
            try await store.find(hash: APIToken.hash(token))
        }
        guard let record = found else {
            throw refusal(.tokenUnknown, "the token is unknown", vi: "Mã truy cập không tồn tại.")
        }
        if let revoked = record.revokedAt {
            throw refusal(
                .tokenRevoked,
                "the token was revoked at \(RFC3339.format(revoked))",
                vi: "Mã truy cập đã bị thu hồi lúc \(LocalTime.format(revoked, locale: .vi))."
            )
        }
        if let expires = record.expiresAt, expires <= now {
            throw refusal(
                .tokenExpired,
                "the token expired at \(RFC3339.format(expires))",
                vi: "Mã truy cập đã hết hạn lúc \(LocalTime.format(expires, locale: .vi))."
            )
        }
        let scopes = Set(record.scopes.compactMap(Scope.init(rawValue:)))
        let principal: Principal
        switch record.owner {
        case .officer(let id):
            guard let officer = environment.directory.officer(id) else {
                throw refusal(
                    .tokenOwnerUnknown,
                    "the token's officer `\(id)` is no longer in the directory",
                    vi: "Cán bộ sở hữu mã truy cập (`\(id)`) không còn trong danh bạ."
                )
            }
            principal = .officer(officer, .token(id: record.id, scopes: scopes))
        case .tool(let name):
            principal = .tool(name: name, tokenID: record.id, scopes: scopes)
        }
        do {
            try await store.markUsed(id: record.id, now: now)
        } catch {
            // Noting the use is bookkeeping; the caller is authenticated either way.
            environment.logger.warning("could not note a token's use", metadata: ["error": "\(error)"])
        }
        return principal
    }

    private func refusal(_ code: APIErrorCode, _ message: String, vi: String) -> APIError {
        APIError(.unauthorized, code: code, message: message, vi: vi)
    }
}
