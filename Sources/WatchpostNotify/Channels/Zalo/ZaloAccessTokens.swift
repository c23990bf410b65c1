import Crypto
import Foundation
import WatchpostCore

/// Hands out the Official Account's access token, refreshing it from the stored refresh token
/// shortly before it expires, under the store's lock: a burst of sends across many workers makes
/// one refresh call, and the others read the token it stored.
struct ZaloAccessTokens: Sendable {
    let configuration: ZNSConfiguration
    let store: any ZaloTokenStore
    let now: @Sendable () -> Date

    /// SHA-256 (hex) of the configured first refresh token.
    var seed: String {
        SHA256.hash(data: Data(configuration.refreshToken.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// A token that stays valid for at least the refresh margin; `replacing` is one Zalo just
    /// refused, which is never handed out again.
    func accessToken(replacing refused: String? = nil) async throws -> String {
        if refused == nil, let stored = try await store.current(appID: configuration.appID),
            usable(stored, refused: nil)
        {
            return stored.accessToken ?? ""
        }
        let tokens = try await store.withLock(appID: configuration.appID) { [self] stored in
            // Another worker may have refreshed while this one waited for the lock.
            if let stored, usable(stored, refused: refused) { return stored }
            let refreshToken = stored.flatMap { $0.seed == seed ? $0.refreshToken : nil } ?? configuration.refreshToken
            return try await refresh(refreshToken)
        }
        return tokens.accessToken ?? ""
    }

    private func usable(_ stored: ZaloStoredTokens, refused: String?) -> Bool {
        guard stored.seed == seed, let token = stored.accessToken, token != refused, let expiresAt = stored.expiresAt
        else { return false }
        return expiresAt.timeIntervalSince(now()) > DeadlineDuration.seconds(configuration.refreshMargin)
    }

    /// `POST /v4/oa/access_token` with `secret_key`, form `app_id`, `refresh_token`,
    /// `grant_type=refresh_token`.
    private func refresh(_ refreshToken: String) async throws -> ZaloStoredTokens {
        let form = [
            ("app_id", configuration.appID), ("grant_type", "refresh_token"), ("refresh_token", refreshToken),
        ]
        .map { "\($0.0)=\(Self.formEncode($0.1))" }.joined(separator: "&")
        let request = RenderedRequest(
            method: "POST",
            url: configuration.tokenURL,
            headers: [
                HTTPHeader("Content-Type", "application/x-www-form-urlencoded"),
                HTTPHeader("secret_key", configuration.secretKey),
            ],
            body: Data(form.utf8)
        )
        let secrets = [configuration.secretKey, refreshToken]
        let response = try await CurlHTTP.perform(
            request,
            timeouts: CurlTimeouts(connect: configuration.connectTimeout, total: configuration.timeout),
            channel: .zalo,
            redacting: secrets
        )
        if let error = HTTPStatusClassification.error(
            forStatus: response.status,
            channel: .zalo,
            responseSnippet: Redaction.redact(response.snippet, secrets: secrets),
            retryAfter: response.retryAfter
        ) {
            throw error
        }
        switch ZNSAnswer.token(response.body) {
        case .success(let token):
            return ZaloStoredTokens(
                accessToken: token.accessToken,
                refreshToken: token.refreshToken,
                expiresAt: now().addingTimeInterval(TimeInterval(token.expiresIn)),
                seed: seed
            )
        case .failure(let refusal):
            // A refused refresh token needs an operator: a new WATCHPOST_ZNS_REFRESH_TOKEN.
            throw DeliveryError(
                .configuration,
                channel: .zalo,
                message: "Zalo refused the refresh token (\(Redaction.redact(refusal.description, secrets: secrets))); "
                    + "set a new WATCHPOST_ZNS_REFRESH_TOKEN",
                responseCode: response.status
            )
        }
    }

    private static func formEncode(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }
}
