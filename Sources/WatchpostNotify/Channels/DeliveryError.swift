import WatchpostCore
/// Why one delivery attempt failed, and whether trying again can help.
///
/// Messages never contain secrets: no passwords, no API keys, no signing secrets and no
/// full gateway URLs (which may carry keys in their query).
public struct DeliveryError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The class of failure. New codes may be added; switch with a `default` case.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case timeout, connectionFailed, rejected, serverError, rateLimited
            case invalidAddress, configuration, unanswered
        }

        private let base: Base

        /// The receiver did not answer within the configured time (or answered HTTP 408).
        public static let timeout = Code(base: .timeout)
        /// No connection could be made or it broke: DNS, refused, reset, TLS handshake.
        public static let connectionFailed = Code(base: .connectionFailed)
        /// The receiver refused the message for good (HTTP 4xx, SMTP 5xx). Do not retry.
        public static let rejected = Code(base: .rejected)
        /// The receiver failed transiently (HTTP 5xx, SMTP 4xx). Retry later.
        public static let serverError = Code(base: .serverError)
        /// The receiver asked us to slow down (HTTP 429). Retry later, after `retryAfter`.
        public static let rateLimited = Code(base: .rateLimited)
        /// The address cannot be used by this channel (bad URL, e-mail or phone number).
        public static let invalidAddress = Code(base: .invalidAddress)
        /// Watchpost's own configuration is wrong or incomplete (missing secret, bad template).
        public static let configuration = Code(base: .configuration)
        /// The call rang and nobody took it (busy, no answer, or it could not connect). Retry
        /// later, after `retryAfter`, then fail over to the officer's other channels.
        public static let unanswered = Code(base: .unanswered)

        /// The code's name, for logs and the `deliveries.last_error` column.
        public var description: String { base.rawValue }
    }

    /// The class of failure.
    public var code: Code
    /// The channel that failed.
    public var channel: ChannelKind
    /// What happened, in words an operator can act on; contains no secrets.
    public var message: String
    /// The receiver's status when it answered: HTTP status or SMTP reply code.
    public var responseCode: Int?
    /// The libcurl `CURLcode` when the failure came from the transfer itself.
    public var curlCode: Int?
    /// How long the receiver asked us to wait before retrying (`Retry-After`), if it said.
    public var retryAfter: Duration?

    /// Creates an error.
    public init(
        _ code: Code,
        channel: ChannelKind,
        message: String,
        responseCode: Int? = nil,
        curlCode: Int? = nil,
        retryAfter: Duration? = nil
    ) {
        self.code = code
        self.channel = channel
        self.message = message
        self.responseCode = responseCode
        self.curlCode = curlCode
        self.retryAfter = retryAfter
    }

    /// Whether another attempt later can succeed without anyone changing anything.
    ///
    /// `rejected`, `invalidAddress` and `configuration` are permanent: retrying them only
    /// repeats the failure, so the dispatcher should fail over to another channel instead.
    public var isRetriable: Bool {
        switch code {
        case .timeout, .connectionFailed, .serverError, .rateLimited, .unanswered: true
        default: false
        }
    }

    /// `"<channel> <code>: <message>"`, suitable for logs.
    public var description: String {
        "\(channel.rawValue) \(code): \(message)"
    }
}
