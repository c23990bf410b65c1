import Crypto
import Foundation
import WatchpostCore
import WatchpostPresentation

/// The random secrets of identity (tokens, session ids, sign-in links, CSRF tokens) and how
/// they are stored: only as SHA-256, so a copy of the database cannot sign anyone in.
enum IdentitySecret {
    /// 32 random bytes from the system's CSPRNG, base64url (43 characters).
    static func random() -> String { Base64URL.encode(SecureBytes.random(32)) }

    /// The SHA-256 of `secret`'s UTF-8 bytes, as stored.
    static func sha256(_ secret: String) -> Data { Data(SHA256.hash(data: Data(secret.utf8))) }

    /// Whether `a` equals `b`, in time that depends only on their lengths.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let left = Array(a.utf8)
        let right = Array(b.utf8)
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}
