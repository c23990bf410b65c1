import Foundation
import HTTPTypes
import Testing
import WatchpostAPI
import WatchpostCore
import WatchpostPresentation
import WatchpostNotify

/// Sign-in codes that cannot be guessed over time nor jammed (issue 26, item 2): a back-off per
/// officer across all their codes, per-address limits per IPv6 /64, a repeated request that
/// re-sends the live code, and the same work for a name that is no officer. Time moves by the
/// API's injected clock, never by the wall clock.
@Suite("Identity: sign-in guessing and jamming", .serialized)
struct SignInGuessingTests {
    private static let forwardedFor = HTTPField.Name("X-Forwarded-For")!

    @Test(
        "after five wrong codes the next check waits, even with the right code; after the wait the right code signs in and forgets the count",
        .timeLimit(.minutes(5))
    )
    func wrongCodesMakeTheNextCheckWait() async throws {
        let clock = IdentityClock()
        try await APITestHarness.with(now: clock.reading) { api in
            for _ in 1...5 {
                #expect(try await api.verify("123456").status == .badRequest)
            }
            #expect(try await api.failures(APITestHarness.head) == 5)
            let message = try await api.requestSignIn()
            let refused = try await api.verify(message.code)
            #expect(refused.status == .tooManyRequests)
            #expect(refused.headers[.retryAfter] == "2")
            #expect(refused.text.contains("Đề nghị chờ 2 giây"))
            #expect(refused.sessionCookie == nil)
            #expect(try await api.failures(APITestHarness.head) == 5, "a check that waits counts nothing")
            #expect(try await api.count("SELECT failed_attempts FROM sign_in_challenges") == 0, "and checks nothing")

            clock.advance(2)
            let signedIn = try await api.verify(message.code)
            #expect(signedIn.status == .seeOther)
            #expect(signedIn.sessionCookie?.value?.isEmpty == false)
            #expect(try await api.failures(APITestHarness.head) == 0, "a right code resets the count")
            for _ in 1...5 {
                #expect(try await api.verify("123456").status == .badRequest, "five wrong codes are free again")
            }
        }
    }

    @Test(
        "a stranger's wrong codes make the wait grow 2 s, 4 s, … up to 4 hours and no further; the owner then signs in with the right code",
        .timeLimit(.minutes(5))
    )
    func aStrangersWrongCodesNeverMakeTheWaitUnbounded() async throws {
        let clock = IdentityClock()
        try await APITestHarness.with(now: clock.reading) { api in
            var waits: [Int] = []
            var failures = 0
            while failures < 25 {
                let response = try await api.verify("123456")
                if response.status == .tooManyRequests {
                    let wait = try #require(response.headers[.retryAfter].flatMap { Int($0) })
                    waits.append(wait)
                    clock.advance(TimeInterval(wait))
                } else {
                    #expect(response.status == .badRequest)
                    failures += 1
                }
            }
            let expected = (5..<25).map { min(14_400, 1 << ($0 - 4)) }
            #expect(waits == expected)
            #expect(try await api.failures(APITestHarness.head) == 25)

            let message = try await api.requestSignIn()
            let refused = try await api.verify(message.code)
            #expect(refused.status == .tooManyRequests)
            #expect(refused.headers[.retryAfter] == "14400", "the wait stops growing at 4 hours")
            let link = try await api.postForm("/sign-in/link", [("token", IdentitySignInTests.token(message))])
            #expect(link.status == .seeOther, "meanwhile the link in the message signs the owner in")

            clock.advance(14_400)
            let later = try await api.requestSignIn()
            #expect(try await api.verify(later.code).status == .seeOther, "after the wait, the right code signs in")
            #expect(try await api.failures(APITestHarness.head) == 0)
        }
    }

    @Test(
        "wrong codes sent at once are checked one after the other: exactly five are checked, the rest wait",
        .timeLimit(.minutes(5))
    )
    func simultaneousWrongCodesCannotSlipPastTheBackOff() async throws {
        let clock = IdentityClock()
        try await APITestHarness.with(now: clock.reading) { api in
            _ = try await api.requestSignIn()
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 1...12 { group.addTask { try await api.verify("123456").status } }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .badRequest }.count == 5)
            #expect(statuses.filter { $0 == .tooManyRequests }.count == 7)
            #expect(try await api.failures(APITestHarness.head) == 5)
        }
    }

    @Test(
        "two IPv6 addresses in one /64 share one per-address allowance; two IPv4 addresses do not",
        .timeLimit(.minutes(5))
    )
    func perAddressLimitsCountAnIPv6SlashSixtyFour() async throws {
        try await APITestHarness.with(configure: { $0.trustedProxies = try! TrustedProxies(parsing: "127.0.0.1, ::1") })
        { api in
            for index in 1...20 {
                // Ten different addresses of one /64, alternately.
                let address = index.isMultiple(of: 2) ? "2001:db8:7:1::\(index)" : "2001:db8:7:1:\(index):ffff:0:1"
                let response = try await api.postForm(
                    "/sign-in",
                    [("officer", "visitor-\(index)")],
                    headers: [Self.forwardedFor: address]
                )
                #expect(response.status == .ok)
            }
            let sameNetwork = try await api.postForm(
                "/sign-in",
                [("officer", "visitor-21")],
                headers: [Self.forwardedFor: "2001:db8:7:1:abcd::99"]
            )
            #expect(sameNetwork.status == .tooManyRequests)
            let otherNetwork = try await api.postForm(
                "/sign-in",
                [("officer", "visitor-22")],
                headers: [Self.forwardedFor: "2001:db8:7:2::1"]
            )
            #expect(otherNetwork.status == .ok)
            #expect(
                try await api.count("SELECT count(*) FROM sign_in_attempts WHERE client_address = '2001:db8:7:1::/64'")
                    == 20
            )

            for index in 1...20 {
                let response = try await api.postForm(
                    "/sign-in",
                    [("officer", "guest-\(index)")],
                    headers: [Self.forwardedFor: "198.51.100.4"]
                )
                #expect(response.status == .ok)
            }
            let neighbour = try await api.postForm(
                "/sign-in",
                [("officer", "guest-21")],
                headers: [Self.forwardedFor: "198.51.100.5"]
            )
            #expect(neighbour.status == .ok, "an IPv4 address is one client")
            let mapped = try await api.postForm(
                "/sign-in",
                [("officer", "guest-22")],
                headers: [Self.forwardedFor: "::ffff:198.51.100.4"]
            )
            #expect(mapped.status == .tooManyRequests, "an IPv4-mapped IPv6 address counts as its IPv4 address")
        }
    }

    @Test(
        "a second request re-sends the live code (no new code; one more delivery of the same message, at most once, a minute apart), and the owner signs in with it",
        .timeLimit(.minutes(5))
    )
    func aRepeatedRequestResendsTheLiveCode() async throws {
        let clock = IdentityClock()
        try await APITestHarness.with(now: clock.reading) { api in
            let head = APITestHarness.head
            let first = try await api.requestSignIn()
            #expect(try await api.postForm("/sign-in", [("officer", head)]).status == .ok)
            #expect(try await api.signInMessages(for: head).count == 1, "not again within a minute")

            clock.advance(60)
            #expect(try await api.postForm("/sign-in", [("officer", head)]).status == .ok)
            let messages = try await api.signInMessages(for: head)
            #expect(messages.count == 2)
            #expect(messages.last?.code == first.code && messages.last?.link == first.link, "the same code and link")
            #expect(try await api.count("SELECT count(*) FROM sign_in_challenges WHERE officer_id = \(head)") == 1)
            #expect(
                try await api.count("SELECT count(*) FROM sign_in_challenges WHERE resend_sealed_message IS NOT NULL")
                    == 0,
                "the second box left the challenge when it was queued"
            )

            clock.advance(60)
            for _ in 1...5 { #expect(try await api.postForm("/sign-in", [("officer", head)]).status == .ok) }
            #expect(try await api.signInMessages(for: head).count == 2, "a code is re-sent once")
            #expect(try await api.count("SELECT count(*) FROM sign_in_challenges WHERE officer_id = \(head)") == 1)

            #expect(try await api.verify(first.code).status == .seeOther, "the owner signs in with the live code")

            clock.advance(60)
            let next = try await api.requestSignIn()
            #expect(try await api.count("SELECT count(*) FROM sign_in_challenges WHERE officer_id = \(head)") == 2)
            #expect(next.link != first.link, "a used code is not re-sent: the next request makes a new one")
        }
    }

    @Test(
        "a name that is no officer gets the same work as an officer: a sealed decoy challenge, the same rows, the same code check; nothing is sent",
        .timeLimit(.minutes(5))
    )
    func anUnknownNameRunsTheSameWork() async throws {
        try await APITestHarness.with { api in
            let stranger = "nobody-at-all@example.com"
            #expect(try await api.postForm("/sign-in", [("officer", stranger)]).status == .ok)
            #expect(try await api.postForm("/sign-in", [("officer", APITestHarness.head)]).status == .ok)

            let seal = SignInMessageSeal(secret: APITestHarness.linkSecret)
            let rows = try await api.rows(
                """
                SELECT officer_id, octet_length(code_sha256), octet_length(link_sha256), resend_delivery_id, resend_sealed_message
                FROM sign_in_challenges ORDER BY officer_id
                """
            )
            var opened: [String: SignInMessage] = [:]
            for row in rows {
                let key = try row.decode(String.self, at: 0)
                #expect(try row.decode(Int.self, at: 1) == 32 && row.decode(Int.self, at: 2) == 32)
                opened[key] = try seal.open(
                    try row.decode(Data.self, at: 4),
                    deliveryID: try row.decode(UUID.self, at: 3)
                )
            }
            #expect(Set(opened.keys) == ["typed:\(stranger)", APITestHarness.head])
            #expect(
                opened["typed:\(stranger)"]?.code.count == 6,
                "the decoy's message was derived and sealed like a real one"
            )
            #expect(
                try await api.count("SELECT count(*) FROM deliveries WHERE recipient = \("typed:\(stranger)")") == 0
            )
            #expect(
                try await api.count("SELECT count(DISTINCT officer_id) FROM sign_in_attempts WHERE kind = 'request'")
                    == 2
            )

            #expect(try await api.verify("123456", as: stranger).status == .badRequest)
            #expect(try await api.verify("123456").status == .badRequest)
            #expect(try await api.failures("typed:\(stranger)") == 1, "the stranger's code went through the same check")
            #expect(try await api.failures(APITestHarness.head) == 1)
            #expect(try await api.count("SELECT sum(failed_attempts) FROM sign_in_challenges") == 2)
        }
    }
}

extension APITestHarness {
    /// Posts `code` for `officer` to `/sign-in/verify`.
    fileprivate func verify(_ code: String, as officer: String = head) async throws -> APIResponse {
        try await postForm("/sign-in/verify", [("officer", officer), ("code", code)])
    }

    /// The wrong codes counted for `key` since its last right one.
    fileprivate func failures(_ key: String) async throws -> Int {
        try await count("SELECT coalesce(sum(failures), 0)::bigint FROM sign_in_failures WHERE officer_key = \(key)")
    }
}
