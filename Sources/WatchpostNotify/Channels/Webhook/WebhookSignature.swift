import Crypto
import Foundation

/// How Watchpost signs webhook requests, and how a receiver checks them.
///
/// Every webhook request carries two headers:
///
///     X-Watchpost-Timestamp: 1719822896
///     X-Watchpost-Signature: v1=5f0c…e1 (lower-case hex)
///
/// where the `v1` value is `HMAC-SHA256(secret, "<timestamp>.<raw body bytes>")`, the secret
/// being the shared `WATCHPOST_WEBHOOK_SECRET`. A receiver recomputes the HMAC over the exact
/// bytes it received, compares in constant time, and rejects timestamps outside a tolerance
/// (default five minutes) so a captured request cannot be replayed later. During a secret
/// rotation the header may hold several comma-separated `v1=` values; any match is accepted.
/// The scheme follows Stripe's, so receivers can reuse familiar code.
public enum WebhookSignature {
    /// The header carrying the signature.
    public static let signatureHeader = "X-Watchpost-Signature"
    /// The header carrying the Unix time, in seconds, at which the request was signed.
    public static let timestampHeader = "X-Watchpost-Timestamp"

    /// Why a request failed verification.
    public enum Failure: Error, Sendable, Hashable {
        /// The timestamp header is absent or not an integer.
        case malformedTimestamp
        /// The timestamp is further from `now` than the tolerance allows.
        case timestampOutsideTolerance
        /// The signature header is absent or holds no `v1=<hex>` value.
        case malformedSignature
        /// No signature matches the body and secret.
        case signatureMismatch
    }

    /// The signature header value, `v1=<hex>`, for `body` signed at `timestamp`.
    public static func sign(body: Data, timestamp: Int64, secret: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(
            for: signedContent(body: body, timestamp: timestamp),
            using: key(secret)
        )
        return "v1=" + code.map { String(format: "%02x", $0) }.joined()
    }

    /// Checks a received request; throws `Failure` unless it was signed with `secret`.
    ///
    /// - Parameters:
    ///   - signature: the `X-Watchpost-Signature` header value.
    ///   - timestamp: the `X-Watchpost-Timestamp` header value.
    ///   - body: the raw body bytes, exactly as received (do not re-serialise JSON first).
    ///   - tolerance: the largest accepted distance between `timestamp` and `now`.
    public static func verify(
        signature: String?,
        timestamp: String?,
        body: Data,
        secret: String,
        now: Date = Date(),
        tolerance: Duration = .seconds(300)
    ) throws(Failure) {
        guard let timestamp, let seconds = Int64(timestamp.trimmingCharacters(in: .whitespaces)) else {
            throw .malformedTimestamp
        }
        let distance = abs(now.timeIntervalSince1970 - Double(seconds))
        guard distance <= Double(tolerance.components.seconds) else { throw .timestampOutsideTolerance }
        let candidates = (signature ?? "").split(separator: ",").compactMap { part -> Data? in
            let trimmed = part.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("v1=") else { return nil }
            return hexBytes(trimmed.dropFirst(3))
        }
        guard !candidates.isEmpty else { throw .malformedSignature }
        let content = signedContent(body: body, timestamp: seconds)
        for candidate in candidates
        where HMAC<SHA256>.isValidAuthenticationCode(candidate, authenticating: content, using: key(secret)) {
            return
        }
        throw .signatureMismatch
    }

    private static func key(_ secret: String) -> SymmetricKey {
        SymmetricKey(data: Data(secret.utf8))
    }

    private static func signedContent(body: Data, timestamp: Int64) -> Data {
        var content = Data("\(timestamp).".utf8)
        content.append(body)
        return content
    }

    private static func hexBytes(_ hex: Substring) -> Data? {
        guard hex.count == 64 else { return nil }
        var bytes = Data(capacity: 32)
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            guard let byte = UInt8(hex[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        return bytes
    }
}
