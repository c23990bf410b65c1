import Foundation
import Testing
import WatchpostCore

@Suite("Event signatures and who may send what")
struct EventSignatureTests {
    private static let keyring: EventKeyring = {
        let text = "new-2:the-current-key-0123456789-abcdefghij,old-1:the-previous-key-0123456789-abcdefghij"
        guard let keyring = try? EventKeyring(parsing: text) else { preconditionFailure("the test keyring parses") }
        return keyring
    }()
    private static let officer = EventSource(kind: .officer, id: "gs-thcs-binh-son")

    private static func event(
        _ type: String = "incident.reported",
        kind: String = "officer",
        id: String = "gs-thcs-binh-son"
    )
        -> (Event, [UInt8])
    {
        var envelope = EventSamples.envelope(
            type: type,
            data: type == "incident.acknowledged" ? ["note": "đã nhận"] : nil
        )
        envelope["source"] = ["kind": kind, "id": id]
        let bytes = EventSamples.bytes(envelope)
        guard case .success(let event) = EventSamples.decoder.decode(bytes) else {
            fatalError("sample does not decode")
        }
        return (event, bytes)
    }

    private static func header(_ value: [UInt8], signer: EventSource, keys: EventKeyring = keyring) -> [UInt8] {
        Array(EventSignature.sign(value, signer: signer, keyring: keys).headerValue.utf8)
    }

    @Test("a signature made with the first key verifies, and parses back to the same key id and signer")
    func signatureRoundTrips() throws {
        let (event, bytes) = Self.event()
        let header = Self.header(bytes, signer: Self.officer)
        let parsed = try #require(EventSignature(headerValue: header))
        #expect(parsed.keyID == "new-2")
        #expect(parsed.signer == Self.officer)
        #expect(
            EventAuthenticator(keyring: Self.keyring).refusal(of: event, value: bytes, signatureHeader: header) == nil
        )
    }

    @Test("an event signed with an older key still listed verifies; once that key is removed it is refused")
    func removingAKeyRevokesIt() throws {
        let (event, bytes) = Self.event()
        let old = try EventKeyring(parsing: "old-1:the-previous-key-0123456789-abcdefghij")
        let header = Self.header(bytes, signer: Self.officer, keys: old)
        #expect(
            EventAuthenticator(keyring: Self.keyring).refusal(of: event, value: bytes, signatureHeader: header) == nil
        )
        let rotated = try EventKeyring(parsing: "new-2:the-current-key-0123456789-abcdefghij")
        let refusal = EventAuthenticator(keyring: rotated).refusal(of: event, value: bytes, signatureHeader: header)
        #expect(refusal?.contains("unknown or revoked") == true)
    }

    @Test("changing one byte of the message breaks the signature")
    func tamperedMessageIsRefused() throws {
        let (event, bytes) = Self.event()
        let header = Self.header(bytes, signer: Self.officer)
        var tampered = bytes
        tampered[tampered.count - 2] ^= 0x01
        let refusal = EventAuthenticator(keyring: Self.keyring).refusal(
            of: event,
            value: tampered,
            signatureHeader: header
        )
        #expect(refusal?.contains("does not match") == true)
    }

    @Test("the replay mark is covered by the signature: it cannot be added, removed or changed without the key")
    func replayMarkIsSigned() throws {
        let (event, bytes) = Self.event()
        let authenticator = EventAuthenticator(keyring: Self.keyring)
        let marked = Array(
            EventSignature.sign(bytes, signer: Self.officer, replayOf: 42, keyring: Self.keyring).headerValue.utf8
        )
        let plain = Self.header(bytes, signer: Self.officer)
        func refusal(_ signature: [UInt8], mark: String?) -> String? {
            authenticator.refusal(
                of: event,
                value: bytes,
                signatureHeader: signature,
                replayHeader: mark.map { Array($0.utf8) }
            )
        }
        #expect(refusal(marked, mark: "42") == nil)
        #expect(refusal(plain, mark: nil) == nil)
        #expect(refusal(plain, mark: "42")?.contains("does not match") == true, "a mark added to a signed message")
        #expect(refusal(marked, mark: nil)?.contains("does not match") == true, "a mark removed")
        #expect(refusal(marked, mark: "43")?.contains("does not match") == true, "a mark changed")
    }

    @Test(
        "a malformed replay mark is refused, signed or not",
        arguments: ["", "0", "-1", "4 2", "42a", "1234567890123456789", "٤٢"]
    )
    func malformedReplayMarkIsRefused(mark: String) {
        let (event, bytes) = Self.event(kind: "tool", id: "crawler")
        let refusal = EventAuthenticator(keyring: Self.keyring)
            .refusal(of: event, value: bytes, signatureHeader: nil, replayHeader: Array(mark.utf8))
        #expect(refusal?.contains(ReplayMark.header) == true)
        #expect(ReplayMark.rejectionID(Array(mark.utf8)) == nil)
    }

    @Test("a signature for another officer than the event's source is refused")
    func signerMustBeTheSource() {
        let (event, bytes) = Self.event()
        let header = Self.header(bytes, signer: EventSource(kind: .officer, id: "ht-thcs-binh-son"))
        let refusal = EventAuthenticator(keyring: Self.keyring).refusal(
            of: event,
            value: bytes,
            signatureHeader: header
        )
        #expect(refusal?.contains("signed for `officer:ht-thcs-binh-son`") == true)
    }

    @Test("officer and system events without a signature are refused; a tool may report unsigned but not acknowledge")
    func unsignedRules() {
        let authenticator = EventAuthenticator(keyring: Self.keyring)
        let (officerEvent, officerBytes) = Self.event()
        #expect(
            authenticator.refusal(of: officerEvent, value: officerBytes, signatureHeader: nil)?.contains(
                "is not signed"
            ) == true
        )
        let (systemEvent, systemBytes) = Self.event(kind: "system", id: "deadline-enforcer")
        #expect(authenticator.refusal(of: systemEvent, value: systemBytes, signatureHeader: nil) != nil)
        let (toolReport, toolBytes) = Self.event(kind: "tool", id: "crawler")
        #expect(authenticator.refusal(of: toolReport, value: toolBytes, signatureHeader: nil) == nil)
        let (toolAck, toolAckBytes) = Self.event("incident.acknowledged", kind: "tool", id: "crawler")
        #expect(
            authenticator.refusal(of: toolAck, value: toolAckBytes, signatureHeader: nil)?.contains("may only send")
                == true
        )
        let strict = EventAuthenticator(keyring: Self.keyring, acceptsUnsignedToolReports: false)
        #expect(
            strict.refusal(of: toolReport, value: toolBytes, signatureHeader: nil)?.contains("not accepted") == true
        )
    }

    @Test(
        "malformed signature headers are refused, never ignored",
        arguments: [
            "", "v2;kid=new-2;signer=officer:a;sig=AAAA", "v1;kid=new-2;signer=officer:a",
            "v1;kid=new-2;kid=x;signer=officer:a;sig=AAAA",
            "v1;kid=new-2;signer=robot:a;sig=AAAA", "v1;kid=new-2;signer=officer:;sig=AAAA",
            "v1;kid=new-2;signer=officer:a;sig=!!",
        ]
    )
    func malformedHeaders(_ text: String) {
        let (event, bytes) = Self.event(kind: "tool", id: "crawler")
        let refusal = EventAuthenticator(keyring: Self.keyring).refusal(
            of: event,
            value: bytes,
            signatureHeader: Array(text.utf8)
        )
        #expect(refusal?.contains("malformed") == true)
    }

    @Test("key ids and secrets are checked when the keyring is read, and messages never show a secret")
    func keyringValidation() {
        #expect(throws: EventKeyringError.self) { try EventKeyring(parsing: "") }
        #expect(throws: EventKeyringError.self) { try EventKeyring(parsing: "k1:short") }
        #expect(throws: EventKeyringError.self) {
            try EventKeyring(parsing: "bad id:the-current-key-0123456789-abcdefghij")
        }
        #expect(throws: EventKeyringError.self) {
            try EventKeyring(parsing: "a:the-current-key-0123456789-abcdefghij,a:the-current-key-0123456789-abcdefghij")
        }
        do {
            _ = try EventKeyring(parsing: "k1:tooshortsecret")
        } catch {
            #expect(!error.description.contains("tooshortsecret"))
        }
    }
}
