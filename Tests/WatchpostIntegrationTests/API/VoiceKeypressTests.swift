import Foundation
import HTTPTypes
import Testing
import WatchpostAPI
import WatchpostCore
import WatchpostNotify

/// The key an officer presses during a call (issue 30): 1 on a call Watchpost placed, signed by
/// the provider, acknowledges the call's incident once, as the link would; another key, a
/// replay, a forged address or a missing provider signature changes nothing.
@Suite("Voice key presses", .serialized, .timeLimit(.minutes(5)))
struct VoiceKeypressTests {
    static let token = "voice-provider-token"

    static func with(_ body: @Sendable (APITestHarness) async throws -> Void) async throws {
        try await APITestHarness.with(configure: { $0.voiceToken = token }) { api in try await body(api) }
    }

    /// The path and query of the key-press address of the head's alert about a seeded incident.
    static func keypressPath(_ api: APITestHarness) async throws -> (incident: UUID, path: String) {
        let incident = try await IdentityAcknowledgeTests.incident(api)
        let delivery = try #require(try await SMSReplyTests.deliveries(api, incident, to: APITestHarness.head).first)
        let url = try AcknowledgeLinkSigner(baseURL: APITestHarness.publicURL, secret: APITestHarness.linkSecret)
            .keypressURL(delivery: delivery)
        return (incident, String(url.dropFirst(APITestHarness.publicURL.count)))
    }

    /// Posts `digits` to `path` as the provider does, signed with `token` unless it is nil.
    static func press(
        _ api: APITestHarness,
        _ path: String,
        digits: String,
        signedWith token: String? = VoiceKeypressTests.token
    ) async throws -> APIResponse {
        let parameters = [("CallSid", "CA1"), ("Digits", digits)]
        let body = parameters.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
        var headers: HTTPFields = [:]
        if let token {
            headers[HTTPField.Name(ProviderSignature.header)!] = ProviderSignature.sign(
                url: APITestHarness.publicURL + path,
                parameters: parameters,
                token: token
            )
        }
        return try await api.request(
            .post,
            path,
            body: Array(body.utf8),
            contentType: "application/x-www-form-urlencoded",
            headers: headers
        )
    }

    @Test("pressing 1 acknowledges once, as an event signed for the call's officer")
    func pressingOneAcknowledgesOnce() async throws {
        try await Self.with { api in
            let (incident, path) = try await Self.keypressPath(api)
            let first = try await Self.press(api, path, digits: "1")
            #expect(first.status == .ok, "\(first.text)")
            #expect(first.headers[.contentType]?.hasPrefix("application/xml") == true)
            #expect(first.text.contains("Đã ghi nhận") && first.text.contains("<Hangup/>"))
            let again = try await Self.press(api, path, digits: "1")
            #expect(again.text.contains("không cần xác nhận thêm"), "\(again.text)")
            let events = try await api.producedEvents()
            #expect(events.count == 1)
            #expect(events.first?.type == .incidentAcknowledged)
            #expect(events.first?.incidentID == incident)
            #expect(events.first?.source == EventSource(kind: .officer, id: APITestHarness.head))
        }
    }

    @Test("another key, a forged address and a missing or wrong provider signature change nothing")
    func nothingElseAcknowledges() async throws {
        try await Self.with { api in
            let (_, path) = try await Self.keypressPath(api)
            let other = try await Self.press(api, path, digits: "2")
            #expect(other.status == .ok)
            #expect(other.text.contains("Phím bấm không đúng"))
            let forged = String(path.dropLast(4)) + "AAAA"
            #expect(try await Self.press(api, forged, digits: "1").status == .unauthorized)
            #expect(try await Self.press(api, path, digits: "1", signedWith: nil).status == .unauthorized)
            #expect(try await Self.press(api, path, digits: "1", signedWith: "another-token").status == .unauthorized)
            #expect(try await api.produced().isEmpty)
            #expect(try await api.count("SELECT count(*) FROM used_links") == 0)
        }
    }
}
