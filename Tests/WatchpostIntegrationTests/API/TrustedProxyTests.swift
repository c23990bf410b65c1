import Foundation
import HTTPTypes
import Testing
import WatchpostAPI

/// Behind a reverse proxy the client is the address the proxy forwards, and only a trusted
/// proxy is believed.
@Suite("API: trusted proxies")
struct TrustedProxyTests {
    private static let forwardedFor = HTTPField.Name("X-Forwarded-For")!

    @Test func theClientIsTheRightMostForwardedAddressThatIsNotATrustedProxy() throws {
        let trusted = try TrustedProxies(parsing: "10.0.0.0/8, 192.168.1.5, ::1")
        #expect(trusted.client(peer: "10.1.2.3", forwardedFor: ["198.51.100.4"]) == "198.51.100.4")
        // The client wrote its own header; the proxies appended after it.
        #expect(
            trusted.client(peer: "10.1.2.3", forwardedFor: ["1.2.3.4", "198.51.100.4", "192.168.1.5"]) == "198.51.100.4"
        )
        #expect(trusted.client(peer: "::1", forwardedFor: ["2001:db8::7"]) == "2001:db8::7")
        // An untrusted peer's header is ignored, whatever it says.
        #expect(trusted.client(peer: "203.0.113.9", forwardedFor: ["10.0.0.1"]) == "203.0.113.9")
        // Garbage in the header stops the walk at the last trusted hop.
        #expect(trusted.client(peer: "10.1.2.3", forwardedFor: ["not-an-address"]) == "10.1.2.3")
        #expect(!trusted.contains("11.0.0.1"))
        #expect(TrustedProxies().client(peer: "10.1.2.3", forwardedFor: ["198.51.100.4"]) == "10.1.2.3")
    }

    @Test(arguments: ["10.0.0.0/33", "300.1.1.1", "10.0.0.0/x", "proxy.local", "::1/129"])
    func aSettingThatIsNoAddressIsRefusedNamingTheEntry(_ entry: String) {
        let error = #expect(throws: TrustedProxies.Invalid.self) { try TrustedProxies(parsing: "127.0.0.1, \(entry)") }
        #expect(error?.description.contains("`\(entry)`") == true)
    }

    @Test("behind a trusted proxy, the per-address sign-in limit counts each forwarded client", .timeLimit(.minutes(5)))
    func signInLimitsCountForwardedClientsSeparately() async throws {
        try await APITestHarness.with(configure: { $0.trustedProxies = try! TrustedProxies(parsing: "127.0.0.1, ::1") })
        { api in
            let crowd: HTTPFields = [Self.forwardedFor: "198.51.100.4"]
            for index in 1...20 {
                let response = try await api.postForm("/sign-in", [("officer", "visitor-\(index)")], headers: crowd)
                #expect(response.status == .ok)
            }
            let limited = try await api.postForm("/sign-in", [("officer", "visitor-21")], headers: crowd)
            #expect(limited.status == .tooManyRequests)
            let other = try await api.postForm(
                "/sign-in",
                [("officer", APITestHarness.head)],
                headers: [Self.forwardedFor: "198.51.100.5"]
            )
            #expect(other.status == .ok, "another school's officer behind the same proxy is not locked out")
            #expect(
                try await api.count("SELECT count(*) FROM sign_in_attempts WHERE client_address = '198.51.100.4'") == 20
            )
        }
    }
}
