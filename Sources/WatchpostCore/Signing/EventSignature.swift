import Crypto
import Foundation

/// The signature an event carries in its `watchpost-signature` Kafka header (decision D18):
///
///     v1;kid=2026-12;signer=officer:ht-thcs-binh-son;sig=<base64url HMAC-SHA256>
///
/// The MAC covers a version tag, the key id, the signer, the replay mark if the message carries
/// one (`ReplayMark`), and the exact message value bytes, so changing one byte of the event,
/// claiming another signer, naming another key, or adding, changing or removing the replay mark
/// breaks it. The
/// signer is `kind:id` of the party the producer vouches for: the officer the API
/// authenticated, the tool a token names, or the Watchpost component (`system:…`).
public struct EventSignature: Sendable, Hashable {
    /// The Kafka header that carries it.
    public static let header = "watchpost-signature"

    /// The id of the key that made it.
    public var keyID: String
    /// Who the producer vouches for.
    public var signer: EventSource
    /// The HMAC-SHA256.
    public var mac: [UInt8]

    /// Signs `value` (the exact message bytes) for `signer` with the keyring's signing key; with
    /// `replayOf`, for a message that carries that replay mark.
    public static func sign(
        _ value: some Collection<UInt8>,
        signer: EventSource,
        replayOf: Int64? = nil,
        keyring: EventKeyring
    ) -> EventSignature {
        let key = keyring.signingKey
        let text = signedText(value, keyID: key.id, signer: signer, replayOf: replayOf)
        let mac = HMAC<SHA256>.authenticationCode(for: text, using: SymmetricKey(data: key.secret))
        return EventSignature(keyID: key.id, signer: signer, mac: Array(mac))
    }

    /// The header value.
    public var headerValue: String {
        "v1;kid=\(keyID);signer=\(signer.kind.rawValue):\(signer.id);sig=\(Base64URL.encode(mac))"
    }

    /// Parses a header value; nil names nothing, so the caller says "malformed".
    public init?(headerValue: some Collection<UInt8>) {
        guard headerValue.count <= 1024, let text = String(validating: Array(headerValue), as: UTF8.self) else {
            return nil
        }
        var fields: [String: String] = [:]
        let parts = text.split(separator: ";", omittingEmptySubsequences: false)
        guard parts.first == "v1" else { return nil }
        for part in parts.dropFirst() {
            guard let equals = part.firstIndex(of: "=") else { return nil }
            let name = String(part[..<equals])
            guard fields.updateValue(String(part[part.index(after: equals)...]), forKey: name) == nil else {
                return nil
            }
        }
        guard fields.count == 3, let keyID = fields["kid"], !keyID.isEmpty, let signerText = fields["signer"],
            let colon = signerText.firstIndex(of: ":"),
            let kind = SourceKind(rawValue: String(signerText[..<colon])),
            let mac = fields["sig"].flatMap(Base64URL.decode), mac.count == 32
        else { return nil }
        let id = String(signerText[signerText.index(after: colon)...])
        guard !id.isEmpty else { return nil }
        self.init(keyID: keyID, signer: EventSource(kind: kind, id: id), mac: mac)
    }

    init(keyID: String, signer: EventSource, mac: [UInt8]) {
        self.keyID = keyID
        self.signer = signer
        self.mac = mac
    }

    /// Whether this signature is authentic for `value`, carrying the replay mark `replayOf` (or
    /// none), under `keyring`; nil when it is, else why not.
    public func problem(for value: some Collection<UInt8>, replayOf: Int64? = nil, keyring: EventKeyring) -> String? {
        guard let key = keyring.key(keyID) else {
            return "signed with key `\(keyID)`, which is unknown or revoked"
        }
        let data = Self.signedText(value, keyID: keyID, signer: signer, replayOf: replayOf)
        guard HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: data, using: SymmetricKey(data: key.secret))
        else {
            return "the signature does not match the message"
        }
        return nil
    }

    /// The signed bytes. Newlines cannot occur in a key id, and the signer id's length is given,
    /// so no field can be shifted into another; a replayed message has its own tag, so a
    /// signature made without the mark never verifies with one, nor the other way round.
    private static func signedText(
        _ value: some Collection<UInt8>,
        keyID: String,
        signer: EventSource,
        replayOf: Int64?
    ) -> Data {
        let signerField = "\(signer.kind.rawValue):\(signer.id.utf8.count):\(signer.id)"
        let prefix =
            if let replayOf {
                "watchpost-event-replay-v1\n\(keyID)\n\(signerField)\n\(replayOf)\n"
            } else {
                "watchpost-event-v1\n\(keyID)\n\(signerField)\n"
            }
        var data = Data(prefix.utf8)
        data.append(contentsOf: value)
        return data
    }
}
