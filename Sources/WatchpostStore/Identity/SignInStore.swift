import Foundation
import Postgres
import WatchpostCore

/// The passwordless sign-in's tables: challenges (`sign_in_challenges`) and the sealed delivery
/// that carries each, and the attempts that rate limits count (`sign_in_attempts`).
///
/// A challenge is used once, by its code or by its link, before it expires; each wrong code
/// counts against it, and at `maxFailures` it is dead. Checks lock the officer's challenges,
/// so two guesses at once cannot both slip under the limit.
public final class SignInStore: Sendable {
    let pool: PostgresPool
    /// Wrong codes a challenge survives. Default: 5.
    public let maxFailures: Int

    /// Creates a store on `pool`.
    public init(pool: PostgresPool, maxFailures: Int = 5) {
        self.pool = pool
        self.maxFailures = maxFailures
    }

    /// Stores `challenge` and queues `delivery` (the sealed message carrying its code and link)
    /// in one transaction, and wakes the dispatchers.
    public func create(_ challenge: SignInChallenge, delivery: SealedDelivery, now: Date) async throws {
        try await StoreError.wrapping("creating a sign-in challenge") {
            try await pool.withTransaction { connection in
                _ = try await connection.execute(
                    """
                    INSERT INTO sign_in_challenges (id, officer_id, code_sha256, link_sha256, created_at, expires_at)
                    VALUES (\(challenge.id), \(challenge.officerID), \(challenge.codeHash), \(challenge.linkHash),
                            \(challenge.createdAt.roundedToMicroseconds), \(challenge.expiresAt.roundedToMicroseconds))
                    """
                )
                try await delivery.insert(now: now, on: connection)
            }
        }
    }

    /// Checks `codeHash` against every live challenge of `officerID` at `now`: a match uses that
    /// challenge; otherwise every live one counts a failure.
    public func checkCode(officerID: OfficerID, codeHash: Data, now: Date) async throws -> SignInCodeCheck {
        try await StoreError.wrapping("checking a sign-in code") {
            try await pool.withTransaction { connection in
                let live = try await connection.query(
                    """
                    SELECT id, code_sha256 FROM sign_in_challenges
                    WHERE officer_id = \(officerID) AND used_at IS NULL AND expires_at > \(now)
                      AND failed_attempts < \(maxFailures)
                    ORDER BY created_at FOR UPDATE
                    """
                ).map { (try $0.decode(UUID.self, at: 0), try $0.decode(Data.self, at: 1)) }
                guard !live.isEmpty else { return .noChallenge }
                if let match = live.first(where: { $0.1 == codeHash }) {
                    _ = try await connection.execute(
                        "UPDATE sign_in_challenges SET used_at = \(now.roundedToMicroseconds) WHERE id = \(match.0)"
                    )
                    return .accepted(challengeID: match.0)
                }
                let alive = try await connection.query(
                    """
                    UPDATE sign_in_challenges SET failed_attempts = failed_attempts + 1
                    WHERE id = ANY(\(live.map(\.0))) RETURNING failed_attempts
                    """
                ).map { try $0.decode(Int.self, at: 0) }.filter { $0 < maxFailures }
                return .rejected(exhausted: alive.isEmpty)
            }
        }
    }

    /// Uses the challenge whose link token hashes to `linkHash`, if it is live at `now`.
    public func useLink(hash linkHash: Data, now: Date) async throws -> SignInLinkUse {
        try await StoreError.wrapping("using a sign-in link") {
            try await pool.withTransaction { connection in
                guard
                    let row = try await connection.query(
                        """
                        SELECT id, officer_id, used_at IS NOT NULL, expires_at <= \(now) OR failed_attempts >= \(maxFailures)
                        FROM sign_in_challenges WHERE link_sha256 = \(linkHash) FOR UPDATE
                        """
                    ).first
                else { return .unknown }
                if try row.decode(Bool.self, at: 2) { return .used }
                if try row.decode(Bool.self, at: 3) { return .expired }
                _ = try await connection.execute(
                    """
                    UPDATE sign_in_challenges SET used_at = \(now.roundedToMicroseconds)
                    WHERE id = \(try row.decode(UUID.self, at: 0))
                    """
                )
                return .accepted(officerID: try row.decode(String.self, at: 1))
            }
        }
    }
}
