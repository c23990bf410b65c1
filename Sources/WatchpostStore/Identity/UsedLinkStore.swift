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

    /// What `spend` did.
    public enum Spent<Value: Sendable>: Sendable {
        /// The grant is recorded as used and `body` returned `Value`.
        case spent(Value)
        /// The grant was used before; nothing ran.
        case used
        /// Another grant of the same officer acknowledged the same incident since it was last
        /// (re)opened, and its event may not be applied yet; nothing ran.
        case acknowledged
    }

    /// Records the grant as used and runs `body` (which acts on it) in one transaction: when
    /// `body` throws, the grant stays unused. A concurrent use of the same grant, or of another
    /// grant for the same officer and incident, waits for this one and then finds it, so an
    /// officer's link and text answer never both acknowledge one incident.
    ///
    /// - Parameter since: when the incident was last (re)opened; grants used before belong to
    ///   its previous life.
    public func spend<Value: Sendable>(
        signatureHash: Data,
        incidentID: UUID,
        officerID: OfficerID,
        since: Date,
        now: Date,
        _ body: () async throws -> Value
    ) async throws -> Spent<Value> {
        do {
            return try await transaction(signatureHash, incidentID, officerID, since, now, body)
        } catch is AlreadyAcknowledged {
            return .acknowledged
        }
    }

    private func transaction<Value: Sendable>(
        _ signatureHash: Data,
        _ incidentID: UUID,
        _ officerID: OfficerID,
        _ since: Date,
        _ now: Date,
        _ body: () async throws -> Value
    ) async throws -> Spent<Value> {
        try await StoreError.wrapping("using an acknowledge link") {
            try await pool.withTransaction { connection in
                let key = "\(incidentID.canonicalString) \(officerID)"
                _ = try await connection.query("SELECT pg_advisory_xact_lock(\(Self.lockClass), hashtext(\(key)))")
                let earlier = try await connection.query(
                    """
                    SELECT 1 FROM used_links
                    WHERE incident_id = \(incidentID) AND officer_id = \(officerID)
                        AND used_at >= \(since.roundedToMicroseconds)
                        AND signature_sha256 <> \(signatureHash)
                    LIMIT 1
                    """
                )
                let inserted = try await connection.execute(
                    """
                    INSERT INTO used_links (signature_sha256, incident_id, officer_id, used_at)
                    VALUES (\(signatureHash), \(incidentID), \(officerID), \(now.roundedToMicroseconds))
                    ON CONFLICT (signature_sha256) DO NOTHING
                    """
                )
                guard inserted == 1 else { return .used }
                guard earlier.isEmpty else { throw AlreadyAcknowledged() }
                return .spent(try await body())
            }
        }
    }

    /// The first of the two keys of the advisory lock `spend` takes per officer and incident.
    static let lockClass: Int32 = 0x5750_4c4b

    /// Rolls back the grant's row when an earlier grant acknowledged.
    private struct AlreadyAcknowledged: Error {}
}
