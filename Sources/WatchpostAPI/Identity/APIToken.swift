import Foundation

/// An API token for tools and other systems: `wpt_` and the base64url of 32 random bytes.
/// It is shown once when issued (`watchpost token issue`); only its SHA-256 is stored.
public enum APIToken {
    /// The prefix that marks a Watchpost token (secret scanners can look for it).
    public static let prefix = "wpt_"

    /// A new random token.
    public static func generate() -> String { prefix + IdentitySecret.random() }

    /// The stored form of `token`.
    public static func hash(_ token: String) -> Data { IdentitySecret.sha256(token) }

    /// Whether `text` has the shape of a token (the prefix and 43 base64url characters).
    public static func isWellFormed(_ text: String) -> Bool {
        guard text.hasPrefix(prefix) else { return false }
        let body = text.dropFirst(prefix.count)
        return body.count == 43
            && body.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }
}
