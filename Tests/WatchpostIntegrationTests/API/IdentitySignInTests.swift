import Foundation
import HTTPTypes
import Testing
import WatchpostAPI
import WatchpostCore
import WatchpostPresentation
import WatchpostNotify

/// The passwordless sign-in: one neutral answer whoever is named, codes that work once and die
/// after five wrong tries, links that a GET never spends, and rate limits per address (the
/// per-officer protections are in `SignInGuessingTests`).
@Suite("Identity: sign-in", .serialized)
struct IdentitySignInTests {
    @Test(
        "a known and an unknown officer get the same answer; only the known one is sent a code",
        .timeLimit(.minutes(5))
    )
    func answerIsNeutral() async throws {
        try await APITestHarness.with { api in
            let known = try await api.postForm("/sign-in", [("officer", "ht-thcs-binh-son")])
            let unknown = try await api.postForm("/sign-in", [("officer", "xx-thcs-binh-son")])
            #expect(known.status == .ok && unknown.status == .ok)
            #expect(
                known.text.replacingOccurrences(of: "ht-thcs-binh-son", with: "ID")
                    == unknown.text.replacingOccurrences(of: "xx-thcs-binh-son", with: "ID")
            )
            #expect(known.text.contains("Kiểm tra tin nhắn"))
            #expect(
                try await api.count("SELECT count(*) FROM sign_in_challenges WHERE officer_id = 'ht-thcs-binh-son'")
                    == 1
            )
            #expect(try await api.signInMessages(for: "ht-thcs-binh-son").count == 1)
            #expect(
                try await api.count("SELECT count(*) FROM deliveries WHERE alert_id IS NULL") == 1,
                "a decoy is never sent"
            )
        }
    }

    @Test("an officer is found by a channel address in the directory", .timeLimit(.minutes(5)))
    func officerIsFoundByAddress() async throws {
        try await APITestHarness.with { api in
            let officer = try #require(api.directory.officer(APITestHarness.head))
            let email = try #require(officer.channels.first { $0.kind == .email }?.address)
            _ = try await api.postForm("/sign-in", [("officer", email.uppercased())])
            let messages = try await api.signInMessages(for: officer.id)
            #expect(messages.count == 1)
            #expect(messages.first?.link.hasPrefix(APITestHarness.publicURL + "/sign-in/link?token=") == true)
        }
    }

    @Test("a code signs in once; the same code again is refused", .timeLimit(.minutes(5)))
    func codeWorksOnce() async throws {
        try await APITestHarness.with { api in
            let message = try await api.requestSignIn()
            let fields = [("officer", APITestHarness.head), ("code", message.code)]
            #expect(try await api.postForm("/sign-in/verify", fields).status == .seeOther)
            let again = try await api.postForm("/sign-in/verify", fields)
            #expect(again.status == .badRequest)
            #expect(again.sessionCookie == nil)
            #expect(again.text.contains("Mã không đúng"))
            #expect(try await api.count("SELECT count(*) FROM sessions") == 1)
        }
    }

    @Test("five wrong codes kill the challenge: the right code is then refused", .timeLimit(.minutes(5)))
    func wrongCodesLockTheChallenge() async throws {
        let clock = IdentityClock()
        try await APITestHarness.with(now: clock.reading) { api in
            let message = try await api.requestSignIn()
            let wrong = message.code == "000000" ? "111111" : "000000"
            for _ in 1...5 {
                let response = try await api.postForm(
                    "/sign-in/verify",
                    [("officer", APITestHarness.head), ("code", wrong)]
                )
                #expect(response.status == .badRequest)
            }
            #expect(try await api.count("SELECT failed_attempts FROM sign_in_challenges") == 5)
            clock.advance(2)  // past the officer's back-off (SignInGuessingTests), within the code's 10 minutes
            let right = try await api.postForm(
                "/sign-in/verify",
                [("officer", APITestHarness.head), ("code", message.code)]
            )
            #expect(right.status == .badRequest)
            #expect(right.sessionCookie == nil)
            #expect(try await api.count("SELECT count(*) FROM sessions") == 0)
            let link = try await api.postForm("/sign-in/link", [("token", Self.token(message))])
            #expect(link.status == .gone, "the link of a locked challenge is dead too")
        }
    }

    @Test("a sign-in link is spent by its button, never by a GET, and only once", .timeLimit(.minutes(5)))
    func linkIsSpentByPostOnly() async throws {
        try await APITestHarness.with { api in
            let message = try await api.requestSignIn()
            let token = Self.token(message)
            for _ in 1...2 {
                let page = try await api.getPage("/sign-in/link?token=\(token)")
                #expect(page.status == .ok)
                #expect(page.text.contains("method=\"post\" action=\"/sign-in/link\""))
                #expect(page.text.contains(token))
            }
            #expect(try await api.count("SELECT count(*) FROM sign_in_challenges WHERE used_at IS NULL") == 1)
            let used = try await api.postForm("/sign-in/link", [("token", token)])
            #expect(used.status == .seeOther)
            #expect(used.sessionCookie?.value?.isEmpty == false)
            let again = try await api.postForm("/sign-in/link", [("token", token)])
            #expect(again.status == .gone)
            #expect(again.text.contains("đã được dùng"))
            let forged = try await api.postForm("/sign-in/link", [("token", String(token.reversed()))])
            #expect(forged.status == .badRequest)
            #expect(try await api.count("SELECT count(*) FROM sessions") == 1)
        }
    }

    @Test("the 21st request from one address within 15 minutes gets 429, whoever is named", .timeLimit(.minutes(5)))
    func requestsPerAddressAreLimited() async throws {
        try await APITestHarness.with { api in
            for index in 1...20 {
                #expect(try await api.postForm("/sign-in", [("officer", "visitor-\(index)")]).status == .ok)
            }
            let limited = try await api.postForm("/sign-in", [("officer", APITestHarness.head)])
            #expect(limited.status == .tooManyRequests)
            #expect(limited.headers[.retryAfter] != nil)
            #expect(limited.text.contains("địa chỉ mạng"))
            #expect(try await api.count("SELECT count(*) FROM sign_in_attempts WHERE kind = 'request'") == 20)
            #expect(
                try await api.count("SELECT count(*) FROM sign_in_challenges WHERE officer_id = 'ht-thcs-binh-son'")
                    == 0
            )
        }
    }

    @Test("an address that sent 20 wrong codes gets 429 for the 21st", .timeLimit(.minutes(5)))
    func wrongCodesPerAddressAreLimited() async throws {
        try await APITestHarness.with { api in
            // A different name each time, so that no name's own back-off answers first.
            for index in 1...20 {
                let response = try await api.postForm(
                    "/sign-in/verify",
                    [("officer", "nobody-\(index)"), ("code", "123456")]
                )
                #expect(response.status == .badRequest)
            }
            let limited = try await api.postForm("/sign-in/verify", [("officer", "nobody-21"), ("code", "123456")])
            #expect(limited.status == .tooManyRequests)
            #expect(
                try await api.count("SELECT count(*) FROM sign_in_attempts WHERE kind = 'verify' AND NOT succeeded")
                    == 20
            )
        }
    }

    static func token(_ message: SignInMessage) -> String {
        String(message.link.split(separator: "=", maxSplits: 1).last ?? "")
    }
}
