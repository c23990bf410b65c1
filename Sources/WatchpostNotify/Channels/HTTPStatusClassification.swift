import WatchpostCore
/// Turns an HTTP answer into success or a `DeliveryError` with the agreed retry semantics:
/// 2xx delivered; 408 timeout, 429 rate-limited and 5xx server errors retriable; any other
/// status (other 4xx, 3xx since redirects are never followed, 1xx) a permanent rejection.
enum HTTPStatusClassification {
    /// Returns `nil` when `status` means delivered, otherwise the error to throw.
    static func error(
        forStatus status: Int,
        channel: ChannelKind,
        responseSnippet: String,
        retryAfter: Duration?
    ) -> DeliveryError? {
        let detail = responseSnippet.isEmpty ? "" : ": \(responseSnippet)"
        switch status {
        case 200..<300:
            return nil
        case 408:
            return DeliveryError(
                .timeout,
                channel: channel,
                message: "receiver answered HTTP 408\(detail)",
                responseCode: status,
                retryAfter: retryAfter
            )
        case 429:
            return DeliveryError(
                .rateLimited,
                channel: channel,
                message: "receiver answered HTTP 429\(detail)",
                responseCode: status,
                retryAfter: retryAfter
            )
        case 500..<600:
            return DeliveryError(
                .serverError,
                channel: channel,
                message: "receiver answered HTTP \(status)\(detail)",
                responseCode: status,
                retryAfter: retryAfter
            )
        case 300..<400:
            return DeliveryError(
                .rejected,
                channel: channel,
                message: "receiver answered HTTP \(status) (redirects are not followed; configure the final URL)",
                responseCode: status
            )
        default:
            return DeliveryError(
                .rejected,
                channel: channel,
                message: "receiver answered HTTP \(status)\(detail)",
                responseCode: status
            )
        }
    }
}
