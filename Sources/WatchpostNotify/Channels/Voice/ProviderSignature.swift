import Crypto
import Foundation

/// How the telephony provider signs the requests it makes to Watchpost (Twilio's scheme, which
/// the voice channel follows): `X-Twilio-Signature` is the Base64 of HMAC-SHA1, under the account
/// token, of the full URL the provider requested followed by every POST parameter's name and
/// value, sorted by name, with nothing between them.
public enum ProviderSignature {
    /// The header carrying the signature.
    public static let header = "X-Twilio-Signature"

    /// The signature of a request to `url` with form `parameters`.
    public static func sign(url: String, parameters: [(String, String)], token: String) -> String {
        var text = url
        for (name, value) in parameters.sorted(by: { $0.0 < $1.0 }) { text += name + value }
        let code = HMAC<Insecure.SHA1>.authenticationCode(
            for: Data(text.utf8),
            using: SymmetricKey(data: Data(token.utf8))
        )
        return Data(code).base64EncodedString()
    }

    /// Whether `signature` is the provider's for this request, compared in constant time.
    public static func isValid(
        _ signature: String?,
        url: String,
        parameters: [(String, String)],
        token: String
    ) -> Bool {
        guard let signature, let given = Data(base64Encoded: signature) else { return false }
        var text = url
        for (name, value) in parameters.sorted(by: { $0.0 < $1.0 }) { text += name + value }
        return HMAC<Insecure.SHA1>.isValidAuthenticationCode(
            given,
            authenticating: Data(text.utf8),
            using: SymmetricKey(data: Data(token.utf8))
        )
    }
}
