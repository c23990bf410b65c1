import WatchpostCore
import Crypto
import Foundation

/// The short code an alert sent by text carries, so that an officer with a basic phone can
/// acknowledge by answering it: "Trả lời 1 482913 để xác nhận".
///
/// The code is six digits of HMAC-SHA256, under the acknowledge-link key, of the delivery's id.
/// So the worker that sends the text and the API that reads the answer agree on it without
/// storing it; a code says nothing about the incident; and a retried delivery carries the same
/// code. The API finds the alert by computing the codes of the recent deliveries to the number
/// that answered, so a code works only from the number it was sent to.
extension AcknowledgeLinkSigner {
    /// The reply code of the delivery `delivery`: six digits, `000000` to `999999`.
    public func replyCode(delivery: UUID) -> String {
        let text = Data("watchpost-reply-v1\n\(delivery.uuidString.lowercased())".utf8)
        let mac = Array(HMAC<SHA256>.authenticationCode(for: text, using: SymmetricKey(data: keyBytes)))
        let number = mac.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let code = String(number % 1_000_000)
        return String(repeating: "0", count: 6 - code.count) + code
    }
}

/// What an officer's text answer says.
public enum ReplyText: Sendable, Hashable {
    /// "1 482913": acknowledge the alert whose code is `code`.
    case acknowledge(code: String)
    /// Anything else.
    case unreadable

    /// The digit an answer starts with to acknowledge.
    public static let acknowledgeKey = "1"

    /// Reads an answer. Accepted: `1 482913`, `1482913`, `1-482913`, `1.482913`, and the code
    /// alone (`482913`), with any spaces around; phones may add a trailing newline or a
    /// signature after a line break, which is ignored.
    public static func parse(_ text: String) -> ReplyText {
        let firstLine = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        let words = firstLine.split(whereSeparator: { " .,-_\t".contains($0) }).map(String.init)
        guard words.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return .unreadable }
        switch words.count {
        case 1 where words[0].count == 7 && words[0].hasPrefix(acknowledgeKey):
            return .acknowledge(code: String(words[0].dropFirst()))
        case 1 where words[0].count == 6:
            return .acknowledge(code: words[0])
        case 2 where words[0] == acknowledgeKey && words[1].count == 6:
            return .acknowledge(code: words[1])
        default:
            return .unreadable
        }
    }
}

/// The address a call's key press is posted to, signed so that only a call Watchpost placed
/// can acknowledge: `<baseURL>/v1/voice/keypress?delivery=<uuid>&sig=<base64url>`, `sig` being
/// HMAC-SHA256 of the delivery id under the acknowledge-link key.
extension AcknowledgeLinkSigner {
    /// The path of the key-press route.
    public static let keypressPath = "/v1/voice/keypress"

    /// The signed key-press address of the call of delivery `delivery`.
    public func keypressURL(delivery: UUID) -> String {
        baseURL + Self.keypressPath + "?delivery=" + delivery.uuidString.lowercased() + "&sig="
            + Base64URL.encode(keypressMAC(delivery))
    }

    /// Whether `signature` is the key-press signature of `delivery`, compared in constant time.
    public func isKeypressSignature(_ signature: String, of delivery: UUID) -> Bool {
        guard let given = Base64URL.decode(signature) else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(
            given,
            authenticating: Self.keypressText(delivery),
            using: SymmetricKey(data: keyBytes)
        )
    }

    private func keypressMAC(_ delivery: UUID) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: Self.keypressText(delivery), using: SymmetricKey(data: keyBytes)))
    }

    private static func keypressText(_ delivery: UUID) -> Data {
        Data("watchpost-keypress-v1\n\(delivery.uuidString.lowercased())".utf8)
    }
}
