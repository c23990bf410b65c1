import Foundation

/// How the SMS gateway hands Watchpost the texts officers send back, and how they are proved.
///
/// The gateway posts each one to `POST /v1/sms/inbound` as JSON:
///
///     {"from": "+84912345678", "text": "1 482913", "message_id": "mo-88121"}
///
/// with the shared secret `WATCHPOST_SMS_INBOUND_SECRET` (at least 32 bytes) either in the
/// header `X-Watchpost-Gateway-Key`, for gateways that can only add a fixed header, or as a
/// signature in Watchpost's webhook scheme (`WebhookSignature`: `X-Watchpost-Timestamp` and
/// `X-Watchpost-Signature: v1=HMAC-SHA256(secret, "<timestamp>.<body>")`), which also stops a
/// captured request from being replayed later. `message_id` is the gateway's own id, so a post
/// it repeats is answered once.
///
/// The gateway's delivery reports of the texts Watchpost sent go to `POST /v1/sms/receipts`,
/// proved the same way:
///
///     {"message_id": "sms-77120", "status": "delivered", "at": "2026-11-29T10:15:02+07:00"}
///
/// where `message_id` is the id the gateway answered the send with (`message_id_field` of its
/// `GatewayTemplate`) and `status` one of the words common gateways use (D61).
public enum SMSInbound {
    /// The environment variable holding the shared secret; set on the API and the workers.
    public static let secretVariable = "WATCHPOST_SMS_INBOUND_SECRET"
    /// The shortest accepted secret, in bytes.
    public static let minimumSecretBytes = 32
    /// The route the gateway posts to.
    public static let path = "/v1/sms/inbound"
    /// The route the gateway posts delivery reports to.
    public static let receiptsPath = "/v1/sms/receipts"
    /// The header a gateway that cannot sign sends the shared secret in. (Not `Authorization`,
    /// which carries Watchpost's own tokens.)
    public static let keyHeader = "X-Watchpost-Gateway-Key"

    /// Whether the request's `key` header, or its signature headers, prove it comes from the
    /// gateway holding `secret`.
    public static func isAuthentic(
        key: String?,
        signature: String?,
        timestamp: String?,
        body: Data,
        secret: String,
        now: Date
    ) -> Bool {
        if let key {
            let given = Array(key.utf8)
            let expected = Array(secret.utf8)
            // Constant time over the expected length.
            var difference = given.count == expected.count ? 0 : 1
            for index in expected.indices {
                difference |= Int(expected[index] ^ (given.indices.contains(index) ? given[index] : 0))
            }
            return difference == 0
        }
        guard signature != nil else { return false }
        do {
            try WebhookSignature.verify(
                signature: signature,
                timestamp: timestamp,
                body: body,
                secret: secret,
                now: now
            )
            return true
        } catch {
            return false
        }
    }
}
