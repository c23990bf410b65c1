import Foundation
import HTTPTypes
import Testing
import WatchpostAPI
import WatchpostCore
import WatchpostStore

/// API tokens: a bad bearer token is a 401 that says why, never an anonymous request; the
/// `watchpost token` commands issue (printed once, stored as a hash), list (no secrets) and
/// revoke.
@Suite("Identity: API tokens", .serialized)
struct IdentityTokenTests {
    /// Stores a token for `owner` with the given history and returns its text.
    static func store(
        _ api: APITestHarness,
        owner: APITokenRecord.Owner,
        expiresAt: Date? = nil,
        revoke: Bool = false
    ) async throws -> String {
        let token = APIToken.generate()
        let record = APITokenRecord(id: UUID(), owner: owner, scopes: ["read"], createdAt: Date(), expiresAt: expiresAt)
        let store = APITokenStore(pool: api.pool)
        try await store.insert(record, hash: APIToken.hash(token))
        if revoke { _ = try await store.revoke(id: record.id, now: Date()) }
        return token
    }

    @Test("a bad bearer token gets 401 with its reason, on any route", .timeLimit(.minutes(5)))
    func badTokensAreRefusedWithTheirReason() async throws {
        try await APITestHarness.with { api in
            let cases: [(header: String, code: String)] = [
                ("Basic dXNlcjpwYXNz", "token_malformed"),
                ("Bearer not-a-watchpost-token", "token_malformed"),
                ("Bearer " + APIToken.generate(), "token_unknown"),
                (
                    "Bearer " + (try await Self.store(api, owner: .officer(APITestHarness.head), revoke: true)),
                    "token_revoked"
                ),
                (
                    "Bearer "
                        + (try await Self.store(api, owner: .tool("crawler"), expiresAt: Date().addingTimeInterval(-60))),
                    "token_expired"
                ),
                ("Bearer " + (try await Self.store(api, owner: .officer("left-the-directory"))), "token_owner_unknown"),
            ]
            for (header, code) in cases {
                for (method, path) in [(HTTPRequest.Method.post, "/sign-out"), (.get, "/sign-in")] {
                    let response = try await api.request(method, path, headers: [.authorization: header])
                    #expect(response.status == .unauthorized, "\(header) \(path)")
                    #expect(response.errorCode == code, "\(header) \(path): \(response.text)")
                    #expect(response.json["message"] as? String != nil)
                }
            }
        }
    }

    @Test("a live token authenticates its officer or tool without a CSRF token", .timeLimit(.minutes(5)))
    func liveTokenAuthenticates() async throws {
        try await APITestHarness.with { api in
            for owner in [APITokenRecord.Owner.officer(APITestHarness.head), .tool("crawler")] {
                let token = try await Self.store(api, owner: owner, expiresAt: Date().addingTimeInterval(3600))
                let response = try await api.request(.post, "/sign-out", token: token)
                #expect(response.status == .seeOther, "\(owner): \(response.text)")
            }
            let anonymous = try await api.request(.post, "/sign-out")
            #expect(anonymous.status == .unauthorized)
            #expect(try await api.count("SELECT count(*) FROM api_tokens WHERE last_used_at IS NOT NULL") == 2)
        }
    }

    @Test(
        "watchpost token issues a token shown once, lists it without the secret, and revokes it",
        .timeLimit(.minutes(5))
    )
    func tokenCommandIssuesListsAndRevokes() async throws {
        try await APITestHarness.with { api in
            let common = ["--database-url", api.database.url, "--config-dir", PipelinePaths.config.path]
            let issued = try await PipelineCommandTests.watchpost(
                [
                    "token", "issue", "--officer", APITestHarness.head, "--scope", "read,act", "--label", "phone",
                    "--expires-days", "3",
                ]
                    + common
            )
            #expect(issued.status == 0, "\(issued.output)")
            let token = try #require(
                issued.output.split(separator: "\n").map(String.init).first { APIToken.isWellFormed($0) },
                "\(issued.output)"
            )
            let rows = try await api.rows(
                """
                SELECT id, officer_id, scopes, label, extract(epoch FROM expires_at - created_at)::float8
                FROM api_tokens WHERE token_sha256 = \(APIToken.hash(token))
                """
            )
            let row = try #require(rows.first, "only the hash is stored, and it is found")
            let id = try row.decode(UUID.self, at: 0)
            #expect(try row.decode(String.self, at: 1) == APITestHarness.head)
            #expect(try row.decode([String].self, at: 2) == ["act", "read"])
            #expect(try row.decode(String.self, at: 3) == "phone")
            #expect(try row.decode(Double.self, at: 4) == 3 * 86_400)
            #expect(
                try await api.count(
                    "SELECT count(*) FROM api_tokens WHERE encode(token_sha256, 'escape') LIKE '%wpt_%'"
                ) == 0
            )
            #expect(try await api.request(.post, "/sign-out", token: token).status == .seeOther)

            let listed = try await PipelineCommandTests.watchpost(["token", "list"] + common)
            #expect(listed.status == 0, "\(listed.output)")
            #expect(listed.output.contains(id.canonicalString))
            #expect(listed.output.contains("officer:\(APITestHarness.head)"))
            #expect(!listed.output.contains(token))

            let revoked = try await PipelineCommandTests.watchpost(["token", "revoke", id.canonicalString] + common)
            #expect(revoked.status == 0, "\(revoked.output)")
            let after = try await api.request(.post, "/sign-out", token: token)
            #expect(after.status == .unauthorized)
            #expect(after.errorCode == "token_revoked")
        }
    }

    @Test(
        "watchpost token issue refuses an officer who is not in the directory, storing nothing",
        .timeLimit(.minutes(5))
    )
    func tokenCommandRefusesUnknownOfficer() async throws {
        try await APITestHarness.with { api in
            let result = try await PipelineCommandTests.watchpost([
                "token", "issue", "--officer", "nobody-by-that-id", "--scope", "read",
                "--database-url", api.database.url, "--config-dir", PipelinePaths.config.path,
            ])
            #expect(result.status != 0, "\(result.output)")
            #expect(result.output.contains("nobody-by-that-id"), "\(result.output)")
            #expect(!result.output.contains("wpt_"))
            #expect(try await api.count("SELECT count(*) FROM api_tokens") == 0)
        }
    }
}
