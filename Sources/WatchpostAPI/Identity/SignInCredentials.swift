import Crypto
import Foundation
import WatchpostCore
import WatchpostPresentation

/// The two proofs a sign-in challenge sends: a 6-digit code and a one-time link token, and how
/// they are stored. The code's space is small, so its hash is keyed (HMAC-SHA256 under a key
/// derived from `WATCHPOST_LINK_SECRET`) and bound to the officer: a copy of the database alone
/// cannot recover it. The link token is 32 random bytes, stored as its SHA-256.
struct SignInCredentials: Sendable {
    /// The code, six decimal digits.
    var code: String
    /// The link token.
    var linkToken: String

    /// New random credentials.
    static func random() -> SignInCredentials {
        var generator = SystemRandomNumberGenerator()
        let number = UInt32.random(in: 0..<1_000_000, using: &generator)
        let digits = String(number)
        return SignInCredentials(
            code: String(repeating: "0", count: 6 - digits.count) + digits,
            linkToken: IdentitySecret.random()
        )
    }

    /// The stored hash of `code` for `officer`, under `linkSecret`.
    static func codeHash(_ code: String, officer: OfficerID, linkSecret: String) -> Data {
        let key = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: SymmetricKey(data: Array(linkSecret.utf8)),
            salt: Array("watchpost-sign-in-code-v1".utf8),
            info: Array("sign_in_challenges.code_sha256".utf8),
            outputByteCount: 32
        )
        return Data(HMAC<SHA256>.authenticationCode(for: Data("\(officer)\n\(code)".utf8), using: key))
    }

    /// The code as typed, without spaces, if it is six digits.
    static func normalizedCode(_ typed: String?) -> String? {
        guard let typed else { return nil }
        let code = typed.filter { !$0.isWhitespace }
        guard code.count == 6, code.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return code
    }

    /// The stored hash of a link token.
    static func linkHash(_ token: String) -> Data { IdentitySecret.sha256(token) }
}
