import Foundation
import HTTPTypes
import Testing
import WatchpostAPI
import WatchpostCore

/// Sessions: the cookie's attributes, CSRF on sign-out, and that an ended or expired session
/// signs the browser out.
@Suite("Identity: sessions and CSRF", .serialized)
struct IdentitySessionTests {
    @Test(
        "signing in with a code sets an HttpOnly, SameSite=Lax, Secure 12-hour cookie and lands on /me",
        .timeLimit(.minutes(5))
    )
    func signInSetsAStrictCookie() async throws {
        try await APITestHarness.with { api in
            let message = try await api.requestSignIn()
            let response = try await api.postForm(
                "/sign-in/verify",
                [("officer", APITestHarness.head), ("code", message.code)]
            )
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/me")
            let cookie = try #require(response.sessionCookie)
            let value = try #require(cookie.value)
            #expect(value.count >= 43)
            #expect(cookie.attributes["httponly"] != nil)
            #expect(cookie.attributes["samesite"]?.lowercased() == "lax")
            #expect(cookie.attributes["path"] == "/")
            #expect(cookie.attributes["secure"] != nil)
            #expect(cookie.attributes["max-age"] == "43200")
            #expect(try await api.count("SELECT count(*) FROM sessions WHERE id_sha256 = \(APIToken.hash(value))") == 1)
        }
    }

    @Test("the cookie is not Secure when the public URL is plain http", .timeLimit(.minutes(5)))
    func plainHTTPCookieIsNotSecure() async throws {
        try await APITestHarness.with(configure: { $0.publicURL = "http://127.0.0.1:8080" }) { api in
            let message = try await api.requestSignIn()
            let response = try await api.postForm(
                "/sign-in/verify",
                [("officer", APITestHarness.head), ("code", message.code)]
            )
            let cookie = try #require(response.sessionCookie)
            #expect(cookie.attributes["secure"] == nil)
            #expect(cookie.attributes["httponly"] != nil)
        }
    }

    @Test(
        "sign-out refuses a missing or wrong CSRF token and another origin, then ends the session",
        .timeLimit(.minutes(5))
    )
    func signOutChecksCSRF() async throws {
        try await APITestHarness.with { api in
            let (cookie, csrf) = try await api.signIn()
            let missing = try await api.postForm("/sign-out", [], cookie: cookie)
            #expect(missing.status == .forbidden)
            #expect(missing.errorCode == "csrf_missing")
            let wrong = try await api.postForm("/sign-out", [("csrf", String(csrf.reversed()))], cookie: cookie)
            #expect(wrong.status == .forbidden)
            #expect(wrong.errorCode == "csrf_mismatch")
            let elsewhere = try await api.postForm(
                "/sign-out",
                [("csrf", csrf)],
                cookie: cookie,
                headers: [.origin: "https://evil.example"]
            )
            #expect(elsewhere.status == .forbidden)
            #expect(elsewhere.errorCode == "cross_origin")
            #expect(try await api.count("SELECT count(*) FROM sessions WHERE revoked_at IS NULL") == 1)

            let done = try await api.postForm(
                "/sign-out",
                [("csrf", csrf)],
                cookie: cookie,
                headers: [.origin: APITestHarness.publicURL]
            )
            #expect(done.status == .seeOther)
            #expect(done.sessionCookie?.attributes["max-age"] == "0")
            #expect(try await api.count("SELECT count(*) FROM sessions WHERE revoked_at IS NULL") == 0)
            let again = try await api.postForm("/sign-out", [("csrf", csrf)], cookie: cookie)
            #expect(again.status == .unauthorized, "a revoked session is signed out")
        }
    }

    @Test("an expired session is signed out and its cookie cleared", .timeLimit(.minutes(5)))
    func expiredSessionIsSignedOut() async throws {
        let clock = IdentityClock()
        // The 12-hour end, not idle expiry (TransportSecurityTests): no idle limit within the hours skipped.
        try await APITestHarness.with(configure: { $0.sessionIdleTimeout = .seconds(24 * 3600) }, now: clock.reading) {
            api in
            let (cookie, csrf) = try await api.signIn()
            clock.advance(11 * 3600)
            #expect(try await api.postForm("/sign-out", [("csrf", "x")], cookie: cookie).errorCode == "csrf_mismatch")
            clock.advance(2 * 3600)
            let expired = try await api.postForm("/sign-out", [("csrf", csrf)], cookie: cookie)
            #expect(expired.status == .unauthorized)
            #expect(expired.sessionCookie?.value == "")
            #expect(expired.sessionCookie?.attributes["max-age"] == "0")
        }
    }
}
