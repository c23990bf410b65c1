import Foundation
import Testing
import WatchpostNotify

struct WebhookSignatureTests {
    let body = Data(#"{"a":1}"#.utf8)
    let now = Date(timeIntervalSince1970: 1_700_000_000)

    @Test func signatureIsHexHMACOfTimestampDotBody() {
        // Reference value: printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac secret
        #expect(
            WebhookSignature.sign(body: body, timestamp: 1_700_000_000, secret: "secret")
                == "v1=" + "49f24e537407743fa4a0242bb63b94b9a47ee99cbbe071ccd8a22550ae411686"
        )
    }

    @Test func validSignatureVerifiesAndRotationListIsAccepted() throws {
        let signature = WebhookSignature.sign(body: body, timestamp: 1_700_000_000, secret: "secret")
        try WebhookSignature.verify(
            signature: signature,
            timestamp: "1700000000",
            body: body,
            secret: "secret",
            now: now
        )
        let old = WebhookSignature.sign(body: body, timestamp: 1_700_000_000, secret: "old")
        try WebhookSignature.verify(
            signature: "\(old), \(signature)",
            timestamp: "1700000000",
            body: body,
            secret: "secret",
            now: now
        )
    }

    @Test func tamperedBodyWrongSecretStaleOrMissingHeadersFail() {
        let signature = WebhookSignature.sign(body: body, timestamp: 1_700_000_000, secret: "secret")
        #expect(throws: WebhookSignature.Failure.signatureMismatch) {
            try WebhookSignature.verify(
                signature: signature,
                timestamp: "1700000000",
                body: Data(#"{"a":2}"#.utf8),
                secret: "secret",
                now: now
            )
        }
        #expect(throws: WebhookSignature.Failure.signatureMismatch) {
            try WebhookSignature.verify(
                signature: signature,
                timestamp: "1700000000",
                body: body,
                secret: "other",
                now: now
            )
        }
        #expect(throws: WebhookSignature.Failure.timestampOutsideTolerance) {
            try WebhookSignature.verify(
                signature: signature,
                timestamp: "1700000000",
                body: body,
                secret: "secret",
                now: now.addingTimeInterval(301)
            )
        }
        #expect(throws: WebhookSignature.Failure.malformedTimestamp) {
            try WebhookSignature.verify(signature: signature, timestamp: nil, body: body, secret: "secret", now: now)
        }
        #expect(throws: WebhookSignature.Failure.malformedSignature) {
            try WebhookSignature.verify(
                signature: "v0=abc",
                timestamp: "1700000000",
                body: body,
                secret: "secret",
                now: now
            )
        }
    }
}
