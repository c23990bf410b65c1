import Foundation
import HTTPTypes
import Testing
import WatchpostAPI
import WatchpostCore

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 26, Transport: the Origin check on every state-changing request a session cookie
/// authenticates, the `__Host-` cookie and HSTS over https, idle expiry of sessions, ending an
/// officer's sessions from the CLI, and the server's idle and read timeouts.
@Suite("Transport security", .serialized, .timeLimit(.minutes(5)))
struct TransportSecurityTests {
    // MARK: Origin

    @Test
    func
        aJSONActionWithTheSessionCookieFromAForeignOriginIsRefusedAndProducesNothingTheSiteOriginAndABearerTokenGoThrough()
        async throws
    {
        try await APITestHarness.with { api in
            let cast = try APICast(api.directory)
            let incident = UUID()
            try await api.seed([
                StoreFixture.report(incident: incident, unit: cast.school.id, at: api.environment.now())
            ])
            let head = try #require(cast.officers[.schoolHead])
            let (cookie, _) = try await api.signIn(head.id)
            let path = "/v1/incidents/\(incident.canonicalString)/acknowledge"
            func acknowledge(_ headers: HTTPFields) async throws -> APIResponse {
                var headers = headers
                headers[.cookie] = "\(api.sessionCookieName)=\(cookie)"
                let body = try JSONSerialization.data(withJSONObject: ["note": "đã xem"])
                return try await api.request(.post, path, body: Array(body), headers: headers)
            }

            let foreign = try await acknowledge([.origin: "https://evil.example"])
            #expect(foreign.status == .forbidden, "\(foreign.text)")
            #expect(foreign.errorCode == "cross_origin")
            #expect((foreign.json["message"] as? String)?.contains("https://evil.example") == true)
            let foreignReferer = try await acknowledge([.referer: "https://evil.example/page"])
            #expect(foreignReferer.status == .forbidden)
            #expect(foreignReferer.errorCode == "cross_origin")
            let lookalike = try await acknowledge([.origin: "https://watchpost.test.evil.example"])
            #expect(lookalike.errorCode == "cross_origin")
            let none = try await acknowledge([:])
            #expect(none.status == .forbidden, "\(none.text)")
            #expect(none.errorCode == "origin_missing")
            #expect(try await api.producedEvents().isEmpty, "nothing refused was produced")

            let same = try await acknowledge([.origin: APITestHarness.publicURL])
            #expect(same.status == .accepted, "\(same.text)")
            let sameByReferer = try await acknowledge([.referer: APITestHarness.publicURL + "/incidents/x"])
            #expect(sameByReferer.status == .accepted, "\(sameByReferer.text)")

            let token = try await api.token(officer: head.id, scopes: [.act])
            let tool = try await api.request(.post, path, token: token, json: ["note": "từ công cụ"])
            #expect(tool.status == .accepted, "a bearer token needs no Origin: \(tool.text)")
            #expect(try await api.producedEvents().count == 3)

            let read = try await api.request(
                .get,
                "/v1/me/obligations",
                headers: [.cookie: "\(api.sessionCookieName)=\(cookie)"]
            )
            #expect(read.status == .ok, "a read needs no Origin: \(read.text)")
        }
    }

    // MARK: Cookie and HSTS

    @Test func overAnHTTPSPublicURLTheSessionCookieIsHostPrefixedAndSecureAndEveryResponseSendsHSTS() async throws {
        try await APITestHarness.with { api in
            let message = try await api.requestSignIn()
            let response = try await api.postForm(
                "/sign-in/verify",
                [("officer", APITestHarness.head), ("code", message.code)]
            )
            #expect(response.status == .seeOther, "\(response.text)")
            let cookie = try #require(response.sessionCookie)
            #expect(cookie.name == "__Host-wp_session")
            #expect(cookie.attributes["secure"] != nil)
            #expect(cookie.attributes["path"] == "/")
            #expect(cookie.attributes["domain"] == nil)
            for answer in [
                response, try await api.getPage("/sign-in"), try await api.request(.get, "/v1/no-such-route"),
            ] {
                #expect(
                    answer.headers[HTTPField.Name("Strict-Transport-Security")!]
                        == "max-age=31536000; includeSubDomains"
                )
            }
            let plain = try await api.request(
                .get,
                "/v1/me/obligations",
                headers: [.cookie: "wp_session=\(try #require(cookie.value))"]
            )
            #expect(plain.status == .unauthorized, "over https the unprefixed name is not read")
        }
    }

    @Test func overPlainHTTPTheSessionCookieIsNotHostPrefixedAndNoHSTSIsSent() async throws {
        try await APITestHarness.with(configure: { $0.publicURL = "http://127.0.0.1:8080" }) { api in
            let message = try await api.requestSignIn()
            let response = try await api.postForm(
                "/sign-in/verify",
                [("officer", APITestHarness.head), ("code", message.code)]
            )
            let cookie = try #require(response.sessionCookie)
            #expect(cookie.name == "wp_session")
            #expect(cookie.attributes["secure"] == nil)
            #expect(response.headers[HTTPField.Name("Strict-Transport-Security")!] == nil)
            #expect(try await api.getPage("/sign-in").headers[HTTPField.Name("Strict-Transport-Security")!] == nil)
        }
    }

    // MARK: Idle expiry

    @Test func aSessionIdlePastTheLimitIsRefusedAndItsUseIsNotedAtMostOnceAMinute() async throws {
        try await APITestHarness.with(configure: { $0.sessionIdleTimeout = .seconds(30 * 60) }) { api in
            let (cookie, _) = try await api.signIn()
            let hash = APIToken.hash(cookie)
            func read() async throws -> APIResponse {
                try await api.request(
                    .get,
                    "/v1/me/obligations",
                    headers: [.cookie: "\(api.sessionCookieName)=\(cookie)"]
                )
            }
            func lastSeen() async throws -> Date {
                try #require(try await api.rows("SELECT last_seen_at FROM sessions WHERE id_sha256 = \(hash)").first)
                    .decode(Date.self, at: 0)
            }

            // Fresh: used, and not written (noted less than a minute ago).
            let started = try await lastSeen()
            #expect(try await read().status == .ok)
            #expect(try await lastSeen() == started)

            // Unused for 29 minutes: still valid, and the use is noted.
            _ = try await api.rows(
                "UPDATE sessions SET last_seen_at = now() - interval '29 minutes' WHERE id_sha256 = \(hash)"
            )
            let stale = try await lastSeen()
            #expect(try await read().status == .ok)
            #expect(try await lastSeen() > stale.addingTimeInterval(28 * 60))

            // Unused for 31 minutes: refused, and the browser is told to drop the cookie.
            _ = try await api.rows(
                "UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE id_sha256 = \(hash)"
            )
            let idle = try await read()
            #expect(idle.status == .unauthorized, "\(idle.text)")
            #expect(idle.sessionCookie?.attributes["max-age"] == "0")
        }
    }

    // MARK: Ending an officer's sessions

    @Test func tokenRevokeSessionsEndsEverySessionOfThatOfficerOnly() async throws {
        try await APITestHarness.with { api in
            let cast = try APICast(api.directory)
            let other = try #require(cast.officers[.schoolDeputy]).id
            #expect(other != APITestHarness.head)
            let phone = try await api.signIn(APITestHarness.head)
            let laptop = try await api.signIn(APITestHarness.head)
            let colleague = try await api.signIn(other)
            func status(_ cookie: String) async throws -> HTTPResponse.Status {
                try await api.request(
                    .get,
                    "/v1/me/obligations",
                    headers: [.cookie: "\(api.sessionCookieName)=\(cookie)"]
                ).status
            }
            #expect(try await status(phone.cookie) == .ok)

            let result = try await PipelineCommandTests.watchpost([
                "token", "revoke", "--sessions", "--officer", APITestHarness.head,
                "--database-url", api.database.url, "--config-dir", PipelinePaths.config.path,
            ])
            #expect(result.status == 0, "\(result.output)")
            #expect(result.output.contains("ended 2 session(s) of officer:\(APITestHarness.head)"), "\(result.output)")

            #expect(try await status(phone.cookie) == .unauthorized)
            #expect(try await status(laptop.cookie) == .unauthorized)
            #expect(try await status(colleague.cookie) == .ok)
            #expect(
                try await api.count("SELECT count(*) FROM sessions WHERE officer_id = \(other) AND revoked_at IS NULL")
                    == 1
            )
        }
    }

    // MARK: Server timeouts

    @Test func aConnectionThatSendsAPartialRequestHeadAndThenNothingIsClosedAfterTheIdleTimeout() async throws {
        try await APITestHarness.with(configure: { $0.connectionIdleTimeout = .milliseconds(200) }) { api in
            let connection = try RawConnection(port: api.port)
            defer { connection.close() }
            try connection.send("POST /v1/events HTTP/1.1\r\nHost: watchpost.test\r\nContent-Type: appli")
            #expect(try await connection.waitUntilClosedByServer() == .closed)
        }
    }

    @Test func aRequestWhoseBodyStopsArrivingIsClosedAfterTheReadTimeoutEvenWithALongIdleTimeout() async throws {
        try await APITestHarness.with(configure: {
            $0.connectionIdleTimeout = .seconds(3600)
            $0.requestReadTimeout = .milliseconds(200)
        }) { api in
            let connection = try RawConnection(port: api.port)
            defer { connection.close() }
            try connection.send(
                "POST /v1/events HTTP/1.1\r\nHost: watchpost.test\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"a\":"
            )
            #expect(try await connection.waitUntilClosedByServer() == .closed)
        }
    }
}

/// A plain TCP connection to the API, for requests no HTTP client would send.
final class RawConnection: Sendable {
    let descriptor: Int32

    enum Outcome: Equatable { case closed, stillOpen }

    init(port: Int) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            Glibc.close(fd)
            throw POSIXError(.init(rawValue: errno) ?? .ECONNREFUSED)
        }
        // A bound on the wait, far above any timeout a test sets: a server that never closes
        // fails the test instead of hanging it.
        var bound = timeval(tv_sec: 45, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &bound, socklen_t(MemoryLayout<timeval>.size))
        descriptor = fd
    }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        let sent = bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        guard sent == bytes.count else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
    }

    /// Reads until the server closes the connection (end of file or reset), or the bound passes.
    func waitUntilClosedByServer() async throws -> Outcome {
        let fd = descriptor
        return await Task.detached {
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                if count > 0 { continue }
                if count == 0 { return Outcome.closed }
                if errno == EINTR { continue }
                return errno == ECONNRESET ? Outcome.closed : Outcome.stillOpen
            }
        }.value
    }

    func close() { Glibc.close(descriptor) }
}
