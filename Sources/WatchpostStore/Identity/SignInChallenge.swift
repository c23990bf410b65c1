import Foundation
import WatchpostCore

/// One sign-in request: a 6-digit code and a one-time link, stored only as hashes (the caller
/// hashes), usable once before `expiresAt`.
public struct SignInChallenge: Sendable, Hashable, Identifiable {
    /// The challenge id.
    public var id: UUID
    /// The officer who asked.
    public var officerID: OfficerID
    /// The keyed hash of the code (the caller's `SignInSecrets.codeHash`).
    public var codeHash: Data
    /// The SHA-256 of the link token.
    public var linkHash: Data
    /// When it was made.
    public var createdAt: Date
    /// When the code and the link stop working.
    public var expiresAt: Date

    /// Creates a challenge.
    public init(id: UUID, officerID: OfficerID, codeHash: Data, linkHash: Data, createdAt: Date, expiresAt: Date) {
        self.id = id
        self.officerID = officerID
        self.codeHash = codeHash
        self.linkHash = linkHash
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

/// What checking a code against an officer's live challenges found.
public enum SignInCodeCheck: Sendable, Hashable {
    /// The code matched a live challenge, which is now used.
    case accepted(challengeID: UUID)
    /// The code matched no live challenge; each live challenge counted one more failure.
    /// `exhausted` is true when none is left alive (every one reached the failure limit).
    case rejected(exhausted: Bool)
    /// The officer has no live challenge (none asked for, expired, used or locked out).
    case noChallenge
}

/// What following a sign-in link found.
public enum SignInLinkUse: Sendable, Hashable {
    /// The link was live and is now used; the officer signs in.
    case accepted(officerID: OfficerID)
    /// No challenge has this link.
    case unknown
    /// The challenge was already used (by its code or its link).
    case used
    /// The challenge expired, or was locked out by wrong codes.
    case expired
}
