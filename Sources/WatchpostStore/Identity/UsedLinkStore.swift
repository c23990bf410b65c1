import Foundation
import Postgres
import WatchpostCore

/// The `used_links` table: an acknowledge link from an alert works once. The hash of its
/// signature (the caller hashes) is recorded when it is used.
public final class UsedLinkStore: Sendable {
    let pool: PostgresPool

    /// Creates a store on `pool`.
    public init(pool: PostgresPool) { self.pool = pool }

    /// Whether the link with this signature hash was used.
    public func isUsed(signatureHash: Data) async throws -> Bool {
        try await StoreError.wrapping("looking up a used link") {
            try await pool.withConnection { connection in
                !(try await connection.query(
                    "SELECT 1 FROM used_links WHERE signature_sha256 = \(signatureHash)"
                ).isEmpty)
            }
        }
    }

    /// Records the link as used and runs `body` (which acts on it) in one transaction: when
    /// `body` throws, the link stays unused. Returns `nil`, without running `body`, when the link
    /// was used before; a concurrent use waits for this one and then finds it used.
    public func spend<Value: Sendable>(
        signatureHash: Data,
        incidentID: UUID,
        officerID: OfficerID,
        now: Date,
        _ body: () async throws -> Value
    ) async throws -> Value? {
        try await StoreError.wrapping("using an acknowledge link") {
            try await pool.withTransaction { connection in
                let inserted = try await connection.execute(
                    """
                    INSERT INTO used_links (signature_sha256, incident_id, officer_id, used_at)
                    VALUES (\(signatureHash), \(incidentID), \(officerID), \(now.roundedToMicroseconds))
                    ON CONFLICT (signature_sha256) DO NOTHING
                    """
                )
                guard inserted == 1 else { return nil }
                return try await body()
            }
        }
    }
}
