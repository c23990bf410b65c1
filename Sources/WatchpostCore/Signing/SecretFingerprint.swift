import Crypto

/// A short, public name for a secret: the first 4 bytes, in hex, of an HMAC-SHA256 of a fixed
/// label under the secret. Processes log it at start-up so that an operator can see whether
/// the API, the workers and the CLI hold the same key (a rotation mistake otherwise shows only
/// as dead letters or refused links) without the log revealing anything usable about the secret.
public enum SecretFingerprint {
    /// The fingerprint of `secret`, 8 lowercase hex digits.
    public static func of(_ secret: some Sequence<UInt8>) -> String {
        let mac = HMAC<SHA256>.authenticationCode(
            for: Array("watchpost secret fingerprint v1".utf8),
            using: SymmetricKey(data: Array(secret))
        )
        return mac.prefix(4).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}

extension EventKeyring {
    /// `id=fingerprint` for every key, the signing key first; safe to log.
    public var fingerprints: [String] {
        keyIDs.compactMap { id in key(id).map { "\(id)=\(SecretFingerprint.of($0.secret))" } }
    }
}
