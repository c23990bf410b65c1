import Foundation
import HTTPTypes
import Testing
import WatchpostAPI
import WatchpostCore
import WatchpostNotify

/// The signed acknowledge links in alerts: a GET shows the incident with one button and changes
/// nothing; the button acknowledges once, as an event signed for the link's officer; tampered,
/// expired and reused links get a page that says why, and nothing is produced.
@Suite("Identity: acknowledge links", .serialized)
struct IdentityAcknowledgeTests {
    static let reportURL = "https://www.facebook.com/share/p/ack-link-test-post"

    /// Seeds an open incident at the fixture school and returns its id.
    static func incident(_ api: APITestHarness) async throws -> UUID {
        let id = UUID()
        try await api.seed([
            StoreFixture.report(
                incident: id,
                category: .schoolViolence,
                severity: .high,
                url: reportURL,
                at: Date().addingTimeInterval(-60)
            )
        ])
        return id
    }

    /// The path and query of a link for the head on `incident`, expiring at `expiresAt`.
    static func link(
        _ incident: UUID,
        expiresAt: Date = Date().addingTimeInterval(3600),
        officer: OfficerID = APITestHarness.head
    )
        throws -> String
    {
        let signer = try AcknowledgeLinkSigner(baseURL: APITestHarness.publicURL, secret: APITestHarness.linkSecret)
        return String(
            signer.sign(incident: incident, officer: officer, expiresAt: expiresAt).dropFirst(
                APITestHarness.publicURL.count
            )
        )
    }

    /// The link's query fields, as the confirm form posts them.
    static func fields(_ link: String) -> [(String, String)] {
        let query = link.split(separator: "?", maxSplits: 1).last.map(String.init) ?? ""
        return query.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                String($0).removingPercentEncoding ?? String($0)
            }
            return (parts[0], parts.count > 1 ? parts[1] : "")
        }
    }

    @Test(
        "opening a link shows the incident without its URLs and one button, and changes nothing",
        .timeLimit(.minutes(5))
    )
    func openingShowsSummaryAndChangesNothing() async throws {
        try await APITestHarness.with { api in
            let incident = try await Self.incident(api)
            let link = try Self.link(incident)
            for _ in 1...2 {
                let page = try await api.getPage(link)
                #expect(page.status == .ok, "\(page.text)")
                #expect(page.text.components(separatedBy: "<button").count == 2, "exactly one button")
                #expect(page.text.contains("Xác nhận đã nhận thông tin"))
                #expect(page.text.contains("Bạo lực học đường"))
                #expect(page.text.contains("Trường THCS Bình Sơn"))
                #expect(page.text.contains("method=\"post\" action=\"/ack\""))
                #expect(!page.text.contains(Self.reportURL))
                #expect(!page.text.contains("facebook.com"))
            }
            #expect(try await api.count("SELECT count(*) FROM used_links") == 0)
            #expect(try await api.produced().isEmpty)
        }
    }

    @Test("the button acknowledges once, as an event signed for the link's officer", .timeLimit(.minutes(5)))
    func buttonAcknowledgesOnceSignedForTheOfficer() async throws {
        try await APITestHarness.with { api in
            let incident = try await Self.incident(api)
            let fields = Self.fields(try Self.link(incident))
            let done = try await api.postForm("/ack", fields)
            #expect(done.status == .ok, "\(done.text)")
            #expect(done.text.contains("Đã xác nhận"))
            let reused = try await api.postForm("/ack", fields)
            #expect(reused.status == .conflict)
            #expect(reused.headers[HTTPField.Name("Watchpost-Refusal")!] == "link_used")
            #expect(reused.text.contains("đã được dùng") && reused.text.contains("already used"))

            let messages = try await api.produced()
            #expect(messages.count == 1)
            let message = try #require(messages.first)
            let event = try EventDecoder(knownUnit: { _ in true }).decode(message.value).get()
            #expect(event.type == .incidentAcknowledged)
            #expect(event.incidentID == incident)
            #expect(event.source == EventSource(kind: .officer, id: APITestHarness.head))
            let header = message.headers.first { $0.key == EventSignature.header }?.value
            #expect(header != nil)
            #expect(
                EventAuthenticator(keyring: APITestHarness.keyring).refusal(
                    of: event,
                    value: message.value,
                    signatureHeader: header
                )
                    == nil
            )
            #expect(
                try await api.count("SELECT count(*) FROM used_links WHERE officer_id = \(APITestHarness.head)") == 1
            )
        }
    }

    @Test(
        "a link sent before the incident was reopened is refused; one sent after the reopen acknowledges",
        .timeLimit(.minutes(5))
    )
    func linksDieOnReopen() async throws {
        try await APITestHarness.with { api in
            let incident = try await Self.incident(api)
            let lifetime = DeadlineDuration.seconds(
                try AcknowledgeLinkSigner(baseURL: APITestHarness.publicURL, secret: APITestHarness.linkSecret).lifetime
            )
            // Sent ten minutes ago, before the incident was resolved and reopened.
            let old = try Self.link(incident, expiresAt: Date().addingTimeInterval(lifetime - 600))
            // One at a time: `seed` gives each event a random offset, and events apply in offset order.
            try await api.seed([
                StoreFixture.event(
                    .resolved(IncidentResolved(note: "Đã xử lý")),
                    incident: incident,
                    at: Date().addingTimeInterval(-300)
                )
            ])
            try await api.seed([
                StoreFixture.event(
                    .reopened(IncidentReopened(reason: "Bài đăng lại xuất hiện")),
                    incident: incident,
                    at: Date().addingTimeInterval(-120)
                )
            ])
            #expect(try await api.count("SELECT reopen_count FROM incidents WHERE id = \(incident)") == 1)
            for response in [try await api.getPage(old), try await api.postForm("/ack", Self.fields(old))] {
                #expect(response.status == .gone, "\(response.text)")
                #expect(response.headers[HTTPField.Name("Watchpost-Refusal")!] == "link_before_reopen")
                #expect(response.text.contains("đã được mở lại"), "\(response.text)")
            }
            #expect(try await api.produced().isEmpty)
            // The reopen's own alert carries a link issued now.
            let fresh = try Self.link(incident, expiresAt: Date().addingTimeInterval(lifetime))
            let page = try await api.getPage(fresh)
            #expect(page.status == .ok, "\(page.text)")
        }
    }

    @Test(
        "tampered, expired and malformed links are refused with the reason, and nothing is produced",
        .timeLimit(.minutes(5))
    )
    func badLinksAreRefusedAndProduceNothing() async throws {
        try await APITestHarness.with { api in
            let incident = try await Self.incident(api)
            let genuine = try Self.link(incident)
            let tampered = genuine.replacingOccurrences(
                of: "officer=\(APITestHarness.head)",
                with: "officer=pho-thcs-binh-son"
            )
            #expect(tampered != genuine)
            let expired = try Self.link(incident, expiresAt: Date().addingTimeInterval(-60))
            let signatureStart = try #require(genuine.range(of: "&sig=")).lowerBound
            let malformed = String(genuine[..<signatureStart])
            let cases: [(link: String, status: HTTPResponse.Status, code: String, vi: String, en: String)] = [
                (tampered, .forbidden, "link_tampered", "bị sửa đổi", "altered"),
                (expired, .gone, "link_expired", "đã hết hạn", "expired"),
                (malformed, .badRequest, "link_malformed", "không đầy đủ", "incomplete"),
            ]
            for bad in cases {
                let shown = try await api.getPage(bad.link)
                let posted = try await api.postForm("/ack", Self.fields(bad.link))
                for response in [shown, posted] {
                    #expect(response.status == bad.status, "\(bad.code): \(response.text)")
                    #expect(response.headers[HTTPField.Name("Watchpost-Refusal")!] == bad.code)
                    #expect(response.text.contains(bad.vi) && response.text.contains(bad.en), "\(response.text)")
                    #expect(!response.text.contains("<button"))
                }
            }
            #expect(try await api.count("SELECT count(*) FROM used_links") == 0)
            #expect(try await api.produced().isEmpty)
        }
    }
}
