import Foundation
import WatchpostCore

/// Why an acknowledge link was refused.
public struct AcknowledgeLinkError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Stable reasons; the raw value is what the API logs and returns.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// A parameter is missing, repeated or not of the expected form.
        case malformed
        /// The signature does not match the fields: a tampered link or another key.
        case badSignature = "bad_signature"
        /// The link was genuine but its expiry time has passed.
        case expired
        /// The signing key is too short to be safe.
        case weakKey = "weak_key"
        /// The base URL is not an absolute http(s) URL.
        case invalidBaseURL = "invalid_base_url"
    }

    /// What went wrong.
    public var code: Code
    /// A sentence a person can act on; never contains the key.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// `code: message`.
    public var description: String { "\(code.rawValue): \(message)" }
}

/// What a verified acknowledge link grants: this officer may acknowledge this incident.
public struct AcknowledgeGrant: Sendable, Hashable {
    /// The incident to acknowledge.
    public var incidentID: UUID
    /// The officer the link was issued to; the acknowledgement is recorded as theirs.
    public var officerID: OfficerID
    /// When the link stops working.
    public var expiresAt: Date

    /// Creates a grant.
    public init(incidentID: UUID, officerID: OfficerID, expiresAt: Date) {
        self.incidentID = incidentID
        self.officerID = officerID
        self.expiresAt = expiresAt
    }
}
