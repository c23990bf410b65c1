import WatchpostCore

/// Zalo's answer codes for a ZNS send, and what each means for the delivery.
///
/// From Zalo's published table (zalo.cloud/zns/guidelines/handle-error-code) as far as the
/// sources consulted confirm it; see docs/operations.md. A code not listed is a permanent
/// rejection, so the delivery fails over to the recipient's next channel rather than waiting.
enum ZNSRefusal {
    /// The access token is invalid or expired: refresh once and send again.
    static let accessTokenInvalid = -124

    /// The error to throw for `code` (never 0), with Zalo's own `message`.
    static func error(code: Int, message: String, status: Int) -> DeliveryError {
        let detail = "Zalo ZNS error \(code): \(message.prefix(200))"
        let kind: DeliveryError.Code
        switch code {
        // Unknown error: Zalo's table says to try again later.
        case -100: kind = .serverError
        // The app: invalid, missing, not activated, wrong secret, not linked to an OA, method.
        case -106 ... -101: kind = .configuration
        // Phone number invalid; Zalo account does not exist.
        case -108, -118: kind = .invalidAddress
        // Still refused after a fresh token: Zalo's side or a race with a refresh; retry.
        case accessTokenInvalid: kind = .serverError
        // Template id invalid, template data empty or invalid, and every other refusal.
        default: kind = .rejected
        }
        return DeliveryError(kind, channel: .zalo, message: detail, responseCode: status)
    }
}
