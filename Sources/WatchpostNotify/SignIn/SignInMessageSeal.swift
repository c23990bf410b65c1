import Crypto
import Foundation

/// Seals a `SignInMessage` (WatchpostPresentation) for `deliveries.sealed_message` and opens it in the dispatcher, so
/// the code and the link are never readable in the database.
///
/// AES-GCM with a key derived by HKDF-SHA256 from `WATCHPOST_LINK_SECRET` (which the API and the
/// workers share) under a label of its own, so the sealing key is never the link-signing key.
/// The delivery id is authenticated with the box: a sealed message moved to another delivery
/// row does not open.
public struct SignInMessageSeal: Sendable {
    /// Why a sealed message did not open: another key, another delivery, or damaged bytes.
    public struct OpenError: Error, Sendable, CustomStringConvertible {
        /// The text for logs and messages.
        public var description: String
    }

    /// The derived key; `SymmetricKey` is not `Sendable`, so one is made per use.
    private let keyBytes: [UInt8]

    /// Derives the sealing key from `secret` (the value of `WATCHPOST_LINK_SECRET`).
    public init(secret: String) {
        let key = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: SymmetricKey(data: Array(secret.utf8)),
            salt: Array("watchpost-sign-in-seal-v1".utf8),
            info: Array("deliveries.sealed_message".utf8),
            outputByteCount: 32
        )
        keyBytes = key.withUnsafeBytes { Array($0) }
    }

    /// `message` sealed for the delivery `deliveryID` (nonce, ciphertext and tag).
    public func seal(_ message: some Encodable, deliveryID: UUID) throws -> Data {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        let box = try AES.GCM.seal(
            try encoder.encode(message),
            using: SymmetricKey(data: keyBytes),
            authenticating: Self.associatedData(deliveryID)
        )
        guard let combined = box.combined else { throw OpenError(description: "AES-GCM gave no combined box") }
        return combined
    }

    /// The message sealed for `deliveryID`, a `SignInMessage` (WatchpostPresentation).
    public func open<Message: Decodable>(
        _ sealed: Data,
        deliveryID: UUID,
        as type: Message.Type = Message.self
    ) throws(OpenError) -> Message {
        do {
            let box = try AES.GCM.SealedBox(combined: sealed)
            let plain = try AES.GCM.open(
                box,
                using: SymmetricKey(data: keyBytes),
                authenticating: Self.associatedData(deliveryID)
            )
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .secondsSince1970
            return try decoder.decode(Message.self, from: plain)
        } catch {
            throw OpenError(
                description:
                    "the sealed sign-in message does not open: WATCHPOST_LINK_SECRET differs from the API's, or the row was altered"
            )
        }
    }

    private static func associatedData(_ deliveryID: UUID) -> Data {
        Data("watchpost-sign-in:\(deliveryID.uuidString.lowercased())".utf8)
    }
}
