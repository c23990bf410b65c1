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
    /// The delivery id a re-send of this challenge's message will have.
    public var resendDeliveryID: UUID
    /// The same message sealed for `resendDeliveryID`, queued as is when the officer asks again
    /// (the code is never stored in plain).
    public var resendSealedMessage: Data

    /// Creates a challenge.
    public init(
        id: UUID,
        officerID: OfficerID,
        codeHash: Data,
        linkHash: Data,
        createdAt: Date,
        expiresAt: Date,
        resendDeliveryID: UUID,
        resendSealedMessage: Data
    ) {
        self.id = id
        self.officerID = officerID
        self.codeHash = codeHash
        self.linkHash = linkHash
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.resendDeliveryID = resendDeliveryID
        self.resendSealedMessage = resendSealedMessage
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
    /// The code was not checked: after too many wrong codes the next check must wait
    /// `retryAfter` seconds (`SignInRateLimits.backOff(afterFailures:)`).
    case wait(retryAfter: Int)
}

/// What a sign-in request did.
public enum SignInRequestOutcome: Sendable, Hashable {
    /// The officer had no live code: a new challenge was stored and its message queued.
    case created(challengeID: UUID)
    /// The officer's live code was sent again (its second sealed delivery was queued).
    case resent(challengeID: UUID)
    /// The live code was sent less than `SignInRateLimits.resendInterval` ago, or was already
    /// sent again once: nothing was queued.
    case notResent(challengeID: UUID)
    /// Too many requests from this address; nothing was counted.
    case limited(retryAfter: Int)
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
