import Foundation
import Postgres
import WatchpostCore

/// The passwordless sign-in's tables: challenges (`sign_in_challenges`) and the sealed delivery
/// that carries each, the attempts that per-address limits count (`sign_in_attempts`), and the
/// wrong codes per officer that the back-off counts (`sign_in_failures`).
///
/// An officer holds at most one live challenge; a repeated request re-sends it. A challenge is
/// used once, by its code or by its link, before it expires; each wrong code counts against it,
/// and at `maxFailures` it is dead. Checks for one officer run one after the other, so two
/// guesses at once cannot both slip under the limits.
public final class SignInStore: Sendable {
    let pool: PostgresPool
    /// Wrong codes a challenge survives. Default: 5.
    public let maxFailures: Int

    /// Creates a store on `pool`.
    public init(pool: PostgresPool, maxFailures: Int = 5) {
        self.pool = pool
        self.maxFailures = maxFailures
    }

    /// Handles a sign-in request for `officerKey` (the officer's id, or `typed:…` for a name that
    /// is no officer) from `clientAddress` (already reduced to an IPv4 address or an IPv6 /64)
    /// at `now`, in one transaction:
    ///
    /// - too many requests from the address: `.limited`, nothing counted;
    /// - the key has a live challenge: its second sealed delivery is queued if the code was last
    ///   sent at least `limits.resendInterval` ago and not re-sent yet (`.resent`), else nothing
    ///   (`.notResent`); no new code, so requests never use up the officer's codes;
    /// - otherwise `challenge` is stored and `delivery` queued (`.created`).
    ///
    /// `delivery` is `nil` for a decoy (a name that is no officer): the same rows are written,
    /// nothing is queued. Requests for one key, and from one address, run one after the other.
    public func request(
        officerKey: String,
        clientAddress: String,
        challenge: SignInChallenge,
        delivery: SealedDelivery?,
        limits: SignInRateLimits,
        now: Date
    ) async throws -> SignInRequestOutcome {
        let since = now.addingTimeInterval(-DeadlineDuration.seconds(limits.window))
        let resendBefore = now.addingTimeInterval(-DeadlineDuration.seconds(limits.resendInterval))
        return try await StoreError.wrapping("handling a sign-in request") {
            try await pool.withTransaction { connection in
                // Two lock classes, always taken in this order, so no two requests deadlock.
                _ = try await connection.query("SELECT pg_advisory_xact_lock(1, hashtext(\(officerKey)))")
                _ = try await connection.query("SELECT pg_advisory_xact_lock(2, hashtext(\(clientAddress)))")
                if case .limited(let retryAfter) = try await Self.refusal(
                    """
                    SELECT count(*), min(at) FROM sign_in_attempts
                    WHERE kind = 'request' AND client_address = \(clientAddress) AND at > \(since)
                    """,
                    limits.requestsPerAddress,
                    limits,
                    now,
                    connection
                ) {
                    return .limited(retryAfter: retryAfter)
                }
                _ = try await connection.execute(
                    """
                    INSERT INTO sign_in_attempts (officer_id, client_address, kind, succeeded, at)
                    VALUES (\(officerKey), \(clientAddress), 'request', true, \(now.roundedToMicroseconds))
                    """
                )
                // A box whose code no longer works has nothing left to deliver.
                _ = try await connection.execute(
                    """
                    UPDATE sign_in_challenges SET resend_sealed_message = NULL
                    WHERE officer_id = \(officerKey) AND resend_sealed_message IS NOT NULL
                      AND (expires_at <= \(now) OR failed_attempts >= \(maxFailures))
                    """
                )
                let live = try await connection.query(
                    """
                    SELECT id, resend_delivery_id, resend_sealed_message,
                           resend_sealed_message IS NOT NULL AND coalesce(last_sent_at, created_at) <= \(resendBefore)
                    FROM sign_in_challenges
                    WHERE officer_id = \(officerKey) AND used_at IS NULL AND expires_at > \(now)
                      AND failed_attempts < \(maxFailures)
                    ORDER BY created_at DESC LIMIT 1 FOR UPDATE
                    """
                ).first
                if let live {
                    let id = try live.decode(UUID.self, at: 0)
                    guard try live.decode(Bool.self, at: 3), let resendID = try live.decode(UUID?.self, at: 1),
                        let sealed = try live.decode(Data?.self, at: 2)
                    else { return .notResent(challengeID: id) }
                    _ = try await connection.execute(
                        """
                        UPDATE sign_in_challenges
                        SET resend_sealed_message = NULL, last_sent_at = \(now.roundedToMicroseconds),
                            resent_at = \(now.roundedToMicroseconds)
                        WHERE id = \(id)
                        """
                    )
                    if var resend = delivery {
                        resend.id = resendID
                        resend.sealedMessage = sealed
                        try await resend.insert(now: now, on: connection)
                    }
                    return .resent(challengeID: id)
                }
                var challenge = challenge
                challenge.officerID = officerKey
                try await Self.insert(challenge, now: now, on: connection)
                try await delivery?.insert(now: now, on: connection)
                return .created(challengeID: challenge.id)
            }
        }
    }

    /// Stores `challenge` and queues `delivery` (the sealed message carrying its code and link)
    /// in one transaction, whatever else the officer holds: for fixtures and tools; the API
    /// goes through `request`, which keeps one live challenge per officer.
    public func create(_ challenge: SignInChallenge, delivery: SealedDelivery, now: Date) async throws {
        try await StoreError.wrapping("creating a sign-in challenge") {
            try await pool.withTransaction { connection in
                try await Self.insert(challenge, now: now, on: connection)
                try await delivery.insert(now: now, on: connection)
            }
        }
    }

    private static func insert(_ challenge: SignInChallenge, now: Date, on connection: PostgresConnection) async throws
    {
        _ = try await connection.execute(
            """
            INSERT INTO sign_in_challenges (id, officer_id, code_sha256, link_sha256, created_at, expires_at,
                                            resend_delivery_id, resend_sealed_message, last_sent_at)
            VALUES (\(challenge.id), \(challenge.officerID), \(challenge.codeHash), \(challenge.linkHash),
                    \(challenge.createdAt.roundedToMicroseconds), \(challenge.expiresAt.roundedToMicroseconds),
                    \(challenge.resendDeliveryID), \(challenge.resendSealedMessage), \(now.roundedToMicroseconds))
            """
        )
    }

    /// Checks `codeHash` against every live challenge of `officerKey` at `now`, unless the key
    /// must wait (`.wait`, nothing checked or counted): after `limits.failuresBeforeBackOff`
    /// wrong codes since the last right one, each check waits `limits.backOff(afterFailures:)`
    /// after the last wrong one. A match uses that challenge and forgets the wrong codes;
    /// otherwise every live challenge, and the key, count one more. Checks for one key run one
    /// after the other, so two guesses at once cannot both slip through.
    public func checkCode(officerKey: String, codeHash: Data, limits: SignInRateLimits, now: Date) async throws
        -> SignInCodeCheck
    {
        try await StoreError.wrapping("checking a sign-in code") {
            try await pool.withTransaction { connection in
                _ = try await connection.query("SELECT pg_advisory_xact_lock(1, hashtext(\(officerKey)))")
                if let row = try await connection.query(
                    "SELECT failures, last_failure_at FROM sign_in_failures WHERE officer_key = \(officerKey)"
                ).first {
                    let wait = limits.backOff(afterFailures: try row.decode(Int.self, at: 0))
                    // Both times at the database's precision, so a wait of 2 s ends after 2 s.
                    let opens = try row.decode(Date.self, at: 1).addingTimeInterval(TimeInterval(wait))
                    let stored = now.roundedToMicroseconds
                    if wait > 0, opens > stored {
                        return .wait(retryAfter: max(1, Int(opens.timeIntervalSince(stored).rounded(.up))))
                    }
                }
                let live = try await connection.query(
                    """
                    SELECT id, code_sha256 FROM sign_in_challenges
                    WHERE officer_id = \(officerKey) AND used_at IS NULL AND expires_at > \(now)
                      AND failed_attempts < \(maxFailures)
                    ORDER BY created_at FOR UPDATE
                    """
                ).map { (try $0.decode(UUID.self, at: 0), try $0.decode(Data.self, at: 1)) }
                if let match = live.first(where: { $0.1 == codeHash }) {
                    _ = try await connection.execute(
                        """
                        UPDATE sign_in_challenges SET used_at = \(now.roundedToMicroseconds), resend_sealed_message = NULL
                        WHERE id = \(match.0)
                        """
                    )
                    _ = try await connection.execute("DELETE FROM sign_in_failures WHERE officer_key = \(officerKey)")
                    return .accepted(challengeID: match.0)
                }
                _ = try await connection.execute(
                    """
                    INSERT INTO sign_in_failures (officer_key, failures, last_failure_at)
                    VALUES (\(officerKey), 1, \(now.roundedToMicroseconds))
                    ON CONFLICT (officer_key) DO UPDATE
                    SET failures = sign_in_failures.failures + 1, last_failure_at = excluded.last_failure_at
                    """
                )
                guard !live.isEmpty else { return .noChallenge }
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
                    UPDATE sign_in_challenges SET used_at = \(now.roundedToMicroseconds), resend_sealed_message = NULL
                    WHERE id = \(try row.decode(UUID.self, at: 0))
                    """
                )
                return .accepted(officerID: try row.decode(String.self, at: 1))
            }
        }
    }
}
