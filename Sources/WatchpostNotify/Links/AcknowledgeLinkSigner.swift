import Crypto
import Foundation
import WatchpostCore

/// Signs and checks the personal link an officer follows to acknowledge an incident:
///
///     <baseURL>/ack?incident=<uuid>&officer=<id>&exp=<unix seconds>&sig=<base64url>
///
/// `sig` is HMAC-SHA256, under the key from `WATCHPOST_LINK_SECRET`, of a canonical text of
/// the three fields (not of the URL), so the order of the query parameters does not matter and
/// changing any field, or the key, breaks the signature. Links expire (default 72 hours:
/// long enough to cover a weekend, short enough that an old forwarded message stops working).
/// The signer is pure: the caller reads the secret from the environment and passes `now`.
public struct AcknowledgeLinkSigner: Sendable {
    /// The environment variable the caller reads the key from.
    public static let environmentVariable = "WATCHPOST_LINK_SECRET"
    /// The shortest accepted key, in bytes: 32, the output size of SHA-256.
    public static let minimumKeyBytes = 32
    /// The path of the acknowledge endpoint under `baseURL`.
    public static let path = "/ack"

    /// The API's public base URL, without a trailing slash, e.g. `https://watchpost.example.vn`.
    public let baseURL: String
    /// How long a link made by `link(incident:officer:now:)` stays valid. Default: 72 hours.
    public var lifetime: Duration = .seconds(72 * 3600)
    /// The key bytes; `SymmetricKey` is not `Sendable`, so one is made per use (cheap).
    let keyBytes: [UInt8]

    /// Creates a signer.
    ///
    /// - Parameters:
    ///   - baseURL: the API's public base URL (http or https); a trailing `/` is dropped.
    ///   - secret: the key, as read from `WATCHPOST_LINK_SECRET`: at least 32 bytes of UTF-8.
    /// - Throws: `.invalidBaseURL` or `.weakKey`; the message never contains the secret.
    public init(baseURL: String, secret: String) throws(AcknowledgeLinkError) {
        var base = baseURL.trimmingCharacters(in: .whitespaces)
        while base.hasSuffix("/") { base.removeLast() }
        guard let url = URL(string: base), let scheme = url.scheme?.lowercased(),
            scheme == "https" || scheme == "http", url.host?.isEmpty == false, url.query == nil
        else {
            throw AcknowledgeLinkError(.invalidBaseURL, "`\(baseURL)` is not an absolute http(s) URL without a query")
        }
        let bytes = Array(secret.utf8)
        guard bytes.count >= Self.minimumKeyBytes else {
            throw AcknowledgeLinkError(
                .weakKey,
                "\(Self.environmentVariable) must hold at least \(Self.minimumKeyBytes) bytes; it holds \(bytes.count)"
            )
        }
        self.baseURL = base
        self.keyBytes = bytes
    }

    /// A link for `officer` to acknowledge `incident`, valid until `now + lifetime`.
    public func link(incident: UUID, officer: OfficerID, now: Date) -> String {
        sign(
            incident: incident,
            officer: officer,
            expiresAt: now.addingTimeInterval(DeadlineDuration.seconds(lifetime))
        )
    }

    /// A link for `officer` to acknowledge `incident`, valid until `expiresAt` (whole seconds,
    /// rounded down).
    public func sign(incident: UUID, officer: OfficerID, expiresAt: Date) -> String {
        let expiry = Int64(expiresAt.timeIntervalSince1970.rounded(.down))
        let signature = Base64URL.encode(mac(incident: incident, officer: officer, expiry: expiry))
        return baseURL + Self.path + "?incident=" + incident.uuidString.lowercased() + "&officer="
            + AckQuery.escape(officer) + "&exp=\(expiry)&sig=" + signature
    }

    /// Checks a link (a full URL, or only its query, with or without `?`) at `now`.
    ///
    /// The signature is checked before the expiry, in constant time, so a tampered link is
    /// always `badSignature` and only a genuine old link is `expired`.
    public func verify(_ link: String, now: Date) -> Result<AcknowledgeGrant, AcknowledgeLinkError> {
        let fields: AckQuery.Fields
        switch AckQuery.parse(link) {
        case .success(let parsed): fields = parsed
        case .failure(let error): return .failure(error)
        }
        let expected = Array(fields.signature)
        let authentic = HMAC<SHA256>.isValidAuthenticationCode(
            expected,
            authenticating: Self.canonical(incident: fields.incident, officer: fields.officer, expiry: fields.expiry),
            using: SymmetricKey(data: keyBytes)
        )
        guard authentic else {
            return .failure(AcknowledgeLinkError(.badSignature, "the link's signature does not match its fields"))
        }
        let expiresAt = Date(timeIntervalSince1970: TimeInterval(fields.expiry))
        guard now < expiresAt else {
            return .failure(
                AcknowledgeLinkError(.expired, "the link expired at \(RFC3339.format(expiresAt)); ask for a new one")
            )
        }
        return .success(AcknowledgeGrant(incidentID: fields.incident, officerID: fields.officer, expiresAt: expiresAt))
    }

    private func mac(incident: UUID, officer: OfficerID, expiry: Int64) -> [UInt8] {
        Array(
            HMAC<SHA256>.authenticationCode(
                for: Self.canonical(incident: incident, officer: officer, expiry: expiry),
                using: SymmetricKey(data: keyBytes)
            )
        )
    }

    /// The signed text. The version prefix separates these MACs from any other use of the key;
    /// newlines cannot occur in any field (the parser rejects them), so fields cannot be shifted.
    private static func canonical(incident: UUID, officer: OfficerID, expiry: Int64) -> Data {
        Data("watchpost-ack-v1\n\(incident.uuidString.lowercased())\n\(officer)\n\(expiry)".utf8)
    }
}
