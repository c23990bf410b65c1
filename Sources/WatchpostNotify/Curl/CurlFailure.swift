import CCurl
import Foundation

/// Maps a failed libcurl transfer to a `DeliveryError` with the right retry semantics.
enum CurlFailure {
    /// The error for `code` (never `CURLE_OK`), with secrets removed from libcurl's message.
    static func error(
        _ code: CURLcode,
        easy: CurlEasy,
        redacting secrets: [String] = []
    ) -> DeliveryError {
        let detail = Redaction.redact(easy.failureDetail(code), secrets: secrets)
        let curlCode = Int(code.rawValue)
        // libcurl reports an SMTP command the server refused (MAIL, RCPT, DATA) as a send
        // error; only the reply code says whether it was transient (4xx) or permanent (5xx).
        if easy.channel == .email, code != CURLE_OPERATION_TIMEDOUT, code != CURLE_LOGIN_DENIED,
            code != CURLE_USE_SSL_FAILED, let reply = smtpReply(easy: easy, detail: detail)
        {
            return smtpReplyError(reply, easy: easy, curlCode: curlCode, detail: detail)
        }
        let deliveryCode: DeliveryError.Code
        switch code {
        case CURLE_OPERATION_TIMEDOUT:
            deliveryCode = .timeout
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY, CURLE_COULDNT_CONNECT,
            CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE,
            CURLE_SSL_CONNECT_ERROR, CURLE_WEIRD_SERVER_REPLY, CURLE_AGAIN,
            CURLE_NO_CONNECTION_AVAILABLE, CURLE_PROXY, CURLE_HTTP2, CURLE_HTTP2_STREAM:
            deliveryCode = .connectionFailed
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT:
            deliveryCode = .invalidAddress
        case CURLE_LOGIN_DENIED, CURLE_AUTH_ERROR, CURLE_USE_SSL_FAILED, CURLE_PEER_FAILED_VERIFICATION,
            CURLE_SSL_CERTPROBLEM, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_CIPHER, CURLE_NOT_BUILT_IN:
            deliveryCode = .configuration
        default:
            deliveryCode = .connectionFailed
        }
        return DeliveryError(deliveryCode, channel: easy.channel, message: detail, curlCode: curlCode)
    }

    /// The SMTP reply code of a refused command: libcurl's response code, or the number in
    /// its message (`RCPT failed: 550`), which is where 7.88 leaves it for MAIL and RCPT.
    private static func smtpReply(easy: CurlEasy, detail: String) -> Int? {
        let code = easy.responseCode
        if (400..<600).contains(code) { return code }
        guard let range = detail.range(of: #"failed: [45][0-9][0-9]"#, options: .regularExpression) else {
            return nil
        }
        return Int(detail[range].suffix(3))
    }

    private static func smtpReplyError(_ reply: Int, easy: CurlEasy, curlCode: Int, detail: String) -> DeliveryError {
        switch reply {
        case 400..<500:
            return DeliveryError(
                .serverError,
                channel: easy.channel,
                message: "server answered \(reply): \(detail)",
                responseCode: reply,
                curlCode: curlCode
            )
        case 500..<600:
            return DeliveryError(
                .rejected,
                channel: easy.channel,
                message: "server answered \(reply): \(detail)",
                responseCode: reply,
                curlCode: curlCode
            )
        default:
            return DeliveryError(
                .connectionFailed,
                channel: easy.channel,
                message: detail,
                responseCode: reply,
                curlCode: curlCode
            )
        }
    }
}

/// Removes secret values from text that may be logged or stored.
enum Redaction {
    /// `text` with every non-empty secret (and its percent-encoded form) replaced by `***`.
    static func redact(_ text: String, secrets: [String]) -> String {
        var result = text
        for secret in secrets where secret.count >= 4 {
            result = result.replacingOccurrences(of: secret, with: "***")
            if let encoded = secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics) {
                result = result.replacingOccurrences(of: encoded, with: "***")
            }
        }
        return result
    }
}
