import Foundation
import Testing
import WatchpostNotify

/// Reply codes are six digits fixed by the delivery and the key; answers are read leniently
/// but only as "1" and a code.
@Suite struct ReplyCodeTests {
    let signer: AcknowledgeLinkSigner

    init() throws {
        signer = try AcknowledgeLinkSigner(
            baseURL: "https://watchpost.example.invalid",
            secret: "test-link-secret-of-at-least-32-bytes!"
        )
    }

    @Test func aCodeIsSixDigitsFixedByTheDeliveryAndTheKey() throws {
        let delivery = UUID()
        let code = signer.replyCode(delivery: delivery)
        #expect(code.count == 6 && code.allSatisfy(\.isNumber))
        #expect(signer.replyCode(delivery: delivery) == code)
        let other = try AcknowledgeLinkSigner(
            baseURL: "https://watchpost.example.invalid",
            secret: "another-link-secret-of-at-least-32-bytes"
        )
        let codes = (0..<200).map { _ in UUID() }.map { ($0, signer.replyCode(delivery: $0)) }
        #expect(Set(codes.map(\.1)).count > 190, "codes spread over the deliveries")
        #expect(codes.filter { other.replyCode(delivery: $0.0) == $0.1 }.count < 5, "another key, other codes")
    }

    @Test(arguments: [
        ("1 482913", "482913"), ("1482913", "482913"), (" 1-482913 ", "482913"), ("1.482913\n-- Hiếu", "482913"),
        ("482913", "482913"), ("1 048291", "048291"),
    ])
    func answersThatAcknowledge(text: String, code: String) {
        #expect(ReplyText.parse(text) == .acknowledge(code: code))
    }

    @Test(arguments: ["", "1", "ok", "2 482913", "1 48291", "1 4829133", "1 48291a", "đã nhận 482913", "１ ４８２９１３"])
    func answersThatDoNot(text: String) {
        #expect(ReplyText.parse(text) == .unreadable)
    }

    @Test func onlyTheGatewaysKeyOrSignatureIsAuthentic() {
        let secret = String(repeating: "k", count: 40)
        let body = Data(#"{"from":"0900000016"}"#.utf8)
        let now = Date()
        func authentic(key: String? = nil, signature: String? = nil, timestamp: String? = nil) -> Bool {
            SMSInbound.isAuthentic(
                key: key,
                signature: signature,
                timestamp: timestamp,
                body: body,
                secret: secret,
                now: now
            )
        }
        #expect(authentic(key: secret))
        #expect(!authentic(key: secret + "x"))
        #expect(!authentic(key: String(secret.dropLast())))
        #expect(!authentic())
        let stamp = Int64(now.timeIntervalSince1970)
        let signature = WebhookSignature.sign(body: body, timestamp: stamp, secret: secret)
        #expect(authentic(signature: signature, timestamp: "\(stamp)"))
        #expect(!authentic(signature: signature, timestamp: "\(stamp - 3600)"))
        #expect(
            !authentic(
                signature: WebhookSignature.sign(body: body, timestamp: stamp, secret: "other"),
                timestamp: "\(stamp)"
            )
        )
    }
}
