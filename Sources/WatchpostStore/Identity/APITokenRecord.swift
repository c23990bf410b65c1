import Foundation
import Postgres
import WatchpostCore

/// One API token as stored: never the token itself, only what it may do and its history.
public struct APITokenRecord: Sendable, Hashable, Identifiable {
    /// Whom a token acts as.
    public enum Owner: Sendable, Hashable {
        /// An officer of the directory.
        case officer(OfficerID)
        /// A named tool or other system.
        case tool(String)
    }

    /// The token's id (shown by `watchpost token list`, used by `revoke`).
    public var id: UUID
    /// Whom it acts as.
    public var owner: Owner
    /// Its scopes (`report`, `act`, `read`), sorted.
    public var scopes: [String]
    /// A note for people, e.g. "crawler on host X".
    public var label: String?
    /// When it was issued.
    public var createdAt: Date
    /// When it stops working; `nil` for never.
    public var expiresAt: Date?
    /// When it was revoked; `nil` while it is not.
    public var revokedAt: Date?
    /// When it was last used, to the minute.
    public var lastUsedAt: Date?

    /// Creates a record.
    public init(
        id: UUID,
        owner: Owner,
        scopes: [String],
        label: String? = nil,
        createdAt: Date,
        expiresAt: Date? = nil,
        revokedAt: Date? = nil,
        lastUsedAt: Date? = nil
    ) {
        self.id = id
        self.owner = owner
        self.scopes = scopes
        self.label = label
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
        self.lastUsedAt = lastUsedAt
    }

    /// The selected columns, in the order `decode` reads them.
    static let columns = "id, officer_id, tool, scopes, label, created_at, expires_at, revoked_at, last_used_at"

    static func decode(_ row: PostgresRow) throws -> APITokenRecord {
        let id = try row.decode(UUID.self, at: 0)
        let owner: Owner
        if let officer = try row.decode(String?.self, at: 1) {
            owner = .officer(officer)
        } else if let tool = try row.decode(String?.self, at: 2) {
            owner = .tool(tool)
        } else {
            throw StoreError(code: .corruptRow, message: "api_tokens \(id.uuidString.lowercased()) has no owner")
        }
        return APITokenRecord(
            id: id,
            owner: owner,
            scopes: try row.decode([String].self, at: 3),
            label: try row.decode(String?.self, at: 4),
            createdAt: try row.decode(Date.self, at: 5),
            expiresAt: try row.decode(Date?.self, at: 6),
            revokedAt: try row.decode(Date?.self, at: 7),
            lastUsedAt: try row.decode(Date?.self, at: 8)
        )
    }
}
