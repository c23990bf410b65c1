import Foundation

/// The keys that sign and verify events (decision D18), shared by Watchpost's producers (the
/// API, the CLI run by an operator, the deadline enforcer) and the workers. Read from
/// `WATCHPOST_EVENT_KEYS`:
///
///     WATCHPOST_EVENT_KEYS=2026-12:<secret>,2026-06:<older secret>
///
/// The first key signs; every listed key verifies, so a key rotates by putting the new one
/// first, waiting until every producer runs with it, then removing the old one. Removing a key
/// revokes it: events signed with it are refused from then on. A key id is 1–32 characters of
/// `A–Z a–z 0–9 . _ -`; a secret holds at least 32 bytes.
public struct EventKeyring: Sendable {
    /// The environment variable the keys are read from.
    public static let environmentVariable = "WATCHPOST_EVENT_KEYS"
    /// The shortest accepted secret, in bytes.
    public static let minimumSecretBytes = 32

    /// One key: its id (carried in every signature) and secret.
    public struct Key: Sendable {
        /// The key id, named in signatures.
        public var id: String
        let secret: [UInt8]
    }

    /// The key that signs (the first listed).
    public let signingKey: Key
    private let keys: [String: Key]

    /// The key ids, signing key first.
    public let keyIDs: [String]

    /// Creates a keyring of `(id, secret)` pairs; the first signs.
    public init(_ pairs: [(id: String, secret: String)]) throws(EventKeyringError) {
        guard let first = pairs.first else { throw EventKeyringError("\(Self.environmentVariable) holds no key") }
        var keys: [String: Key] = [:]
        var ids: [String] = []
        for (id, secret) in pairs {
            guard (1...32).contains(id.count),
                id.unicodeScalars.allSatisfy({
                    $0.isASCII && (CharacterSet.alphanumerics.contains($0) || ".-_".unicodeScalars.contains($0))
                })
            else {
                throw EventKeyringError(
                    "key id `\(id.prefix(40))` must be 1–32 characters of A–Z, a–z, 0–9, `.`, `_`, `-`"
                )
            }
            let bytes = Array(secret.utf8)
            guard bytes.count >= Self.minimumSecretBytes else {
                throw EventKeyringError(
                    "the secret of key `\(id)` holds \(bytes.count) bytes; at least \(Self.minimumSecretBytes) are required"
                )
            }
            guard keys[id] == nil else { throw EventKeyringError("key id `\(id)` is listed twice") }
            keys[id] = Key(id: id, secret: bytes)
            ids.append(id)
        }
        self.keys = keys
        self.keyIDs = ids
        self.signingKey = keys[first.id]!
    }

    /// Parses `id:secret,id:secret…` (the value of `WATCHPOST_EVENT_KEYS`). Messages never hold a secret.
    public init(parsing text: String) throws(EventKeyringError) {
        var pairs: [(id: String, secret: String)] = []
        for entry in text.split(separator: ",", omittingEmptySubsequences: true) {
            let trimmed = entry.trimmingCharacters(in: .whitespaces)
            guard let colon = trimmed.firstIndex(of: ":") else {
                throw EventKeyringError("each entry of \(Self.environmentVariable) must be `id:secret`")
            }
            pairs.append((String(trimmed[..<colon]), String(trimmed[trimmed.index(after: colon)...])))
        }
        try self.init(pairs)
    }

    /// The keyring of `WATCHPOST_EVENT_KEYS` in `environment`, or nil when it is unset or empty.
    public static func fromEnvironment(_ environment: [String: String]) throws(EventKeyringError) -> EventKeyring? {
        guard let text = environment[environmentVariable], !text.isEmpty else { return nil }
        return try EventKeyring(parsing: text)
    }

    func key(_ id: String) -> Key? { keys[id] }
}

/// A keyring setting that cannot be used; the message names the problem, never a secret.
public struct EventKeyringError: Error, CustomStringConvertible, Sendable {
    /// The text for logs and messages.
    public var description: String
    init(_ description: String) { self.description = description }
}
