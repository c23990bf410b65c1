import Foundation
import HTTPTypes
import Postgres
import Synchronization
import Testing
import WatchpostAPI
import WatchpostCore
import WatchpostPresentation
import WatchpostNotify

/// A clock a test moves by hand, for expiries (never the wall clock's pace).
final class IdentityClock: Sendable {
    private let current: Mutex<Date>
    init(_ start: Date = Date()) { current = Mutex(start) }
    var now: Date { current.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
    var reading: @Sendable () -> Date { { self.now } }
}

/// What the identity tests do with a running API: post forms as a browser would, read the
/// sign-in code out of its sealed delivery (the test holds the link secret, like a worker),
/// and sign in.
extension APITestHarness {
    static let head: OfficerID = "ht-thcs-binh-son"

    /// The session cookie's name: `__Host-wp_session` over an https public URL, else `wp_session`.
    var sessionCookieName: String { environment.settings.settings.servesTLS ? "__Host-wp_session" : "wp_session" }

    /// Posts an `application/x-www-form-urlencoded` form, with an optional session cookie. With a
    /// cookie it sends the site's `Origin`, as a browser does, unless `headers` names one.
    func postForm(
        _ path: String,
        _ fields: [(String, String)],
        cookie: String? = nil,
        headers extra: HTTPFields = [:]
    ) async throws -> APIResponse {
        var headers = extra
        headers[.accept] = "text/html"
        if let cookie {
            headers[.cookie] = "\(sessionCookieName)=\(cookie)"
            if headers[.origin] == nil { headers[.origin] = environment.settings.publicURL }
        }
        let body = fields.map { "\(Self.formEscape($0.0))=\(Self.formEscape($0.1))" }.joined(separator: "&")
        return try await request(
            .post,
            path,
            body: Array(body.utf8),
            contentType: "application/x-www-form-urlencoded",
            headers: headers
        )
    }

    /// A GET as a browser sends it.
    func getPage(_ path: String, cookie: String? = nil) async throws -> APIResponse {
        var headers: HTTPFields = [.accept: "text/html"]
        if let cookie { headers[.cookie] = "\(sessionCookieName)=\(cookie)" }
        return try await request(.get, path, contentType: nil, headers: headers)
    }

    static func formEscape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }

    /// The sign-in messages queued for `officer`, oldest first, opened with the link secret.
    func signInMessages(for officer: OfficerID) async throws -> [SignInMessage] {
        let seal = SignInMessageSeal(secret: Self.linkSecret)
        return try await rows(
            """
            SELECT id, sealed_message FROM deliveries
            WHERE recipient = \(officer) AND alert_id IS NULL AND sealed_message IS NOT NULL ORDER BY created_at, id
            """
        ).map { row in
            try seal.open(try row.decode(Data.self, at: 1), deliveryID: try row.decode(UUID.self, at: 0))
        }
    }

    /// Asks for a sign-in as `officer` and returns the message the dispatcher would send.
    func requestSignIn(_ officer: OfficerID = head) async throws -> SignInMessage {
        let response = try await postForm("/sign-in", [("officer", officer)])
        #expect(response.status == .ok, "\(response.text)")
        return try #require(try await signInMessages(for: officer).last)
    }

    /// Signs in as `officer` with a code; returns the session cookie's value and the session's
    /// CSRF token.
    func signIn(_ officer: OfficerID = head) async throws -> (cookie: String, csrf: String) {
        let message = try await requestSignIn(officer)
        let response = try await postForm("/sign-in/verify", [("officer", officer), ("code", message.code)])
        #expect(response.status == .seeOther, "\(response.text)")
        let cookie = try #require(response.sessionCookie)
        let csrf = try #require(
            try await rows(
                "SELECT csrf_token FROM sessions WHERE officer_id = \(officer) ORDER BY created_at DESC LIMIT 1"
            ).first
        ).decode(String.self, at: 0)
        return (try #require(cookie.value), csrf)
    }

    /// One integer from `query`.
    func count(_ query: PostgresQuery) async throws -> Int {
        try #require(try await rows(query).first).decode(Int.self, at: 0)
    }
}

/// A `Set-Cookie` header, split into its value and attributes.
struct SetCookie: Sendable {
    var name: String
    var value: String?
    /// Attribute names lower-cased, with their values (empty for flags).
    var attributes: [String: String]

    init(_ header: String) {
        let parts = header.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        let first = parts.first?.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false) ?? []
        name = first.first.map(String.init) ?? ""
        value = first.count == 2 ? String(first[1]) : nil
        var attributes: [String: String] = [:]
        for part in parts.dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            attributes[pair[0].lowercased()] = pair.count == 2 ? String(pair[1]) : ""
        }
        self.attributes = attributes
    }
}

extension APIResponse {
    /// The session cookie this response sets (`__Host-wp_session` or `wp_session`), if any.
    var sessionCookie: SetCookie? {
        headers[values: .setCookie].map(SetCookie.init).first {
            $0.name == "wp_session" || $0.name == "__Host-wp_session"
        }
    }
}
