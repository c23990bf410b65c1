import Foundation
import HTTPTypes
import Postgres
import Testing
import WatchpostAPI
import WatchpostCore
import WatchpostNotify
import WatchpostTestSupport

/// Acknowledging by answering an alert's text (issue 30): "1 <code>" from the number the alert
/// went to acknowledges its incident once, with the same signed event as the link; a foreign
/// number, a replayed text, another alert's code and a text after the link each get an answer
/// that says why, and change nothing else.
@Suite("SMS replies", .serialized, .timeLimit(.minutes(5)))
struct SMSReplyTests {
    static let secret = "sms-inbound-secret-0123456789-abcdefghij"
    /// The head of THCS Bình Sơn's SMS number in directory.yaml (`0900000016`), as a gateway writes it.
    static let headPhone = "+84900000016"

    /// A running API that reads texts, with an SMS gateway that records the answers.
    static func with(_ body: @Sendable (APITestHarness, TestHTTPServer) async throws -> Void) async throws {
        let gateway = try TestHTTPServer { _, _ in .status(200, body: #"{"id": "answer"}"#) }
        defer { gateway.stop() }
        let channel = GatewayChannel(
            kind: .sms,
            configuration: GatewayConfiguration(
                template: GatewayTemplate(url: gateway.url, body: .json(#"{"to": "{{to}}", "text": "{{text}}"}"#))
            ),
            environment: [:]
        )
        try await APITestHarness.with(configure: { $0.smsInboundSecret = secret }, smsAnswers: channel) { api in
            try await body(api, gateway)
        }
    }

    /// The deliveries of `incident`'s alerts to `officer`.
    static func deliveries(_ api: APITestHarness, _ incident: UUID, to officer: OfficerID) async throws -> [UUID] {
        try await api.rows(
            """
            SELECT d.id FROM deliveries d JOIN alerts a ON a.id = d.alert_id
            WHERE a.incident_id = \(incident) AND d.recipient = \(officer) ORDER BY d.created_at
            """
        ).map { try $0.decode(UUID.self, at: 0) }
    }

    /// The reply code a text of `delivery` carries.
    static func code(_ delivery: UUID) throws -> String {
        try AcknowledgeLinkSigner(baseURL: APITestHarness.publicURL, secret: APITestHarness.linkSecret)
            .replyCode(delivery: delivery)
    }

    /// Posts a text as the gateway does, with the shared key.
    static func text(
        _ api: APITestHarness,
        from: String,
        _ text: String,
        id: String = UUID().uuidString
    ) async throws -> APIResponse {
        let body = try JSONSerialization.data(withJSONObject: ["from": from, "text": text, "message_id": id])
        return try await api.request(
            .post,
            SMSInbound.path,
            body: Array(body),
            headers: [HTTPField.Name(SMSInbound.keyHeader)!: secret]
        )
    }

    /// The texts the gateway was asked to send, (to, text), once the answers to `count` texts
    /// have gone out (they go after the gateway's post is answered).
    static func answers(
        _ gateway: TestHTTPServer,
        after count: Int,
        _ api: APITestHarness
    ) async throws -> [(to: String, text: String)] {
        try await waitUntil("the answers to \(count) texts to be sent", timeout: .seconds(120)) {
            try await api.count("SELECT count(*) FROM sms_replies WHERE answered_at IS NOT NULL") >= count
        }
        #expect(try await api.count("SELECT count(*) FROM sms_replies WHERE answer_error IS NOT NULL") == 0)
        return sent(gateway)
    }

    /// The texts the gateway was asked to send so far.
    static func sent(_ gateway: TestHTTPServer) -> [(to: String, text: String)] {
        gateway.requests.compactMap { request in
            guard let json = try? JSONSerialization.jsonObject(with: request.body) as? [String: String] else {
                return nil
            }
            return (json["to"] ?? "", json["text"] ?? "")
        }
    }

    /// A seeded incident and the code of the head's alert about it.
    static func incidentAndCode(_ api: APITestHarness) async throws -> (UUID, String) {
        let incident = try await IdentityAcknowledgeTests.incident(api)
        let delivery = try #require(try await deliveries(api, incident, to: APITestHarness.head).first)
        return (incident, try code(delivery))
    }

    @Test("a reply from the alert's number acknowledges once, as an event signed for its officer")
    func acceptedReplyAcknowledges() async throws {
        try await Self.with { api, gateway in
            let (incident, code) = try await Self.incidentAndCode(api)
            let response = try await Self.text(api, from: Self.headPhone, "1 \(code)")
            #expect(response.status == .ok, "\(response.text)")
            #expect(response.json["outcome"] as? String == "acknowledged")
            #expect(response.json["repeated"] as? Bool == false)

            let events = try await api.producedEvents()
            #expect(events.count == 1)
            let event = try #require(events.first)
            #expect(event.type == .incidentAcknowledged)
            #expect(event.incidentID == incident)
            #expect(event.source == EventSource(kind: .officer, id: APITestHarness.head))
            let message = try #require(try await api.produced().first)
            let header = message.headers.first { $0.key == EventSignature.header }?.value
            #expect(
                EventAuthenticator(keyring: APITestHarness.keyring).refusal(
                    of: event,
                    value: message.value,
                    signatureHeader: header
                ) == nil
            )
            let answers = try await Self.answers(gateway, after: 1, api)
            #expect(answers.count == 1)
            #expect(answers.first?.to == Self.headPhone)
            #expect(answers.first.map { SMSText.unaccented($0.text).contains("da ghi nhan") } == true)
            #expect(try await api.count("SELECT count(*) FROM sms_replies WHERE outcome = 'acknowledged'") == 1)
            #expect(try await api.count("SELECT count(*) FROM sms_replies WHERE answered_at IS NOT NULL") == 1)
        }
    }

    @Test("a reply from a number the alert did not go to changes nothing and is told why")
    func foreignNumberChangesNothing() async throws {
        try await Self.with { api, gateway in
            let (_, code) = try await Self.incidentAndCode(api)
            // A number in the directory (the Director's), and one nobody has.
            let director = try await Self.text(api, from: "0900000001", "1 \(code)")
            #expect(director.json["outcome"] as? String == "unknown_code", "\(director.text)")
            let stranger = try await Self.text(api, from: "0912345678", "1 \(code)")
            #expect(stranger.json["outcome"] as? String == "unknown_number", "\(stranger.text)")
            #expect(try await api.produced().isEmpty)
            #expect(try await api.count("SELECT count(*) FROM used_links") == 0)
            let answers = try await Self.answers(gateway, after: 2, api)
            #expect(answers.map(\.to) == ["0900000001", "0912345678"])
            #expect(SMSText.unaccented(answers[0].text).contains("khong khop"))
        }
    }

    @Test("a replayed reply is answered once, and the same code in a new text is refused as used")
    func replayedReplyChangesNothing() async throws {
        try await Self.with { api, gateway in
            let (_, code) = try await Self.incidentAndCode(api)
            let first = try await Self.text(api, from: Self.headPhone, "1\(code)", id: "mo-1")
            #expect(first.json["outcome"] as? String == "acknowledged", "\(first.text)")
            let replayed = try await Self.text(api, from: Self.headPhone, "1\(code)", id: "mo-1")
            #expect(replayed.status == .ok)
            #expect(replayed.json["outcome"] as? String == "acknowledged")
            #expect(replayed.json["repeated"] as? Bool == true)
            #expect(replayed.json["id"] as? String == first.json["id"] as? String)
            #expect(try await Self.answers(gateway, after: 1, api).count == 1, "a repeated post is not answered again")

            let again = try await Self.text(api, from: Self.headPhone, "1 \(code)", id: "mo-2")
            #expect(again.json["outcome"] as? String == "used", "\(again.text)")
            #expect(try await api.producedEvents().count == 1)
            #expect(try await Self.answers(gateway, after: 2, api).count == 2)
            #expect(try await api.count("SELECT count(*) FROM used_links") == 1)
        }
    }

    @Test("a code of another officer's alert acknowledges nothing from this number")
    func anotherAlertsCodeChangesNothing() async throws {
        try await Self.with { api, gateway in
            let incident = try await IdentityAcknowledgeTests.incident(api)
            let others = try await api.rows(
                """
                SELECT d.id FROM deliveries d JOIN alerts a ON a.id = d.alert_id
                WHERE a.incident_id = \(incident) AND d.recipient <> \(APITestHarness.head)
                """
            ).map { try $0.decode(UUID.self, at: 0) }
            let other = try #require(others.first, "the report alerts someone besides the head")
            let response = try await Self.text(api, from: Self.headPhone, "1 \(try Self.code(other))")
            #expect(response.json["outcome"] as? String == "unknown_code", "\(response.text)")
            #expect(try await api.produced().isEmpty)
            #expect(try await api.count("SELECT count(*) FROM used_links") == 0)
            #expect(try await Self.answers(gateway, after: 1, api).count == 1)
        }
    }

    @Test("a reply after the officer acknowledged by link changes nothing and says so")
    func replyAfterLinkChangesNothing() async throws {
        try await Self.with { api, gateway in
            let (incident, code) = try await Self.incidentAndCode(api)
            let link = IdentityAcknowledgeTests.fields(try IdentityAcknowledgeTests.link(incident))
            let done = try await api.postForm("/ack", link)
            #expect(done.status == .ok, "\(done.text)")
            // No worker runs here, so the link's event is not applied: the grant records stop a second one.
            let response = try await Self.text(api, from: Self.headPhone, "1 \(code)")
            #expect(response.json["outcome"] as? String == "already_acknowledged", "\(response.text)")
            #expect(try await api.producedEvents().count == 1)
            #expect(try await api.count("SELECT count(*) FROM used_links") == 1)
            let answer = SMSText.unaccented(try await Self.answers(gateway, after: 1, api).first?.text ?? "")
            #expect(answer.contains("truoc do"), "\(answer)")
        }
    }

    @Test("a text that is not '1' and a code is answered with the form to use")
    func unreadableTextIsExplained() async throws {
        try await Self.with { api, gateway in
            _ = try await Self.incidentAndCode(api)
            let response = try await Self.text(api, from: Self.headPhone, "da nhan, cam on")
            #expect(response.json["outcome"] as? String == "unreadable")
            #expect(try await api.produced().isEmpty)
            let answers = try await Self.answers(gateway, after: 1, api)
            #expect(answers.first.map { SMSText.unaccented($0.text).contains("1 <ma 6 so") } == true)
        }
    }

    @Test("only the gateway may post: no key, a wrong key and a token are 401; a signature is accepted")
    func onlyTheGatewayMayPost() async throws {
        try await Self.with { api, gateway in
            let (_, code) = try await Self.incidentAndCode(api)
            let body = Array(
                try JSONSerialization.data(withJSONObject: [
                    "from": Self.headPhone, "text": "1 \(code)", "message_id": "mo-sig",
                ])
            )
            let none = try await api.request(.post, SMSInbound.path, body: body)
            let wrong = try await api.request(
                .post,
                SMSInbound.path,
                body: body,
                headers: [HTTPField.Name(SMSInbound.keyHeader)!: Self.secret + "x"]
            )
            let token = try await api.token(officer: APITestHarness.head, scopes: [.act, .read, .report])
            let officer = try await api.request(.post, SMSInbound.path, token: token, body: body)
            #expect([none.status, wrong.status, officer.status] == [.unauthorized, .unauthorized, .unauthorized])
            #expect(try await api.count("SELECT count(*) FROM sms_replies") == 0)
            #expect(gateway.requests.isEmpty)

            let stamp = Int64(Date().timeIntervalSince1970)
            let signed = try await api.request(
                .post,
                SMSInbound.path,
                body: body,
                headers: [
                    HTTPField.Name(WebhookSignature.timestampHeader)!: "\(stamp)",
                    HTTPField.Name(WebhookSignature.signatureHeader)!: WebhookSignature.sign(
                        body: Data(body),
                        timestamp: stamp,
                        secret: Self.secret
                    ),
                ]
            )
            #expect(signed.json["outcome"] as? String == "acknowledged", "\(signed.text)")
        }
    }

    @Test("a malformed post is a 400 naming each field")
    func malformedPostNamesFields() async throws {
        try await Self.with { api, _ in
            let body = Array(try JSONSerialization.data(withJSONObject: ["from": "not a number", "text": 5]))
            let response = try await api.request(
                .post,
                SMSInbound.path,
                body: body,
                headers: [HTTPField.Name(SMSInbound.keyHeader)!: Self.secret]
            )
            #expect(response.status == .badRequest)
            #expect(Set(response.problemFields) == ["from", "text", "message_id"])
        }
    }
}
