import Foundation
import Postgres
import WatchpostCore

/// How many sign-in attempts are allowed within `window`. Required values have defaults that
/// make guessing pointless without locking out a school that shares one address.
public struct SignInRateLimits: Sendable, Hashable {
    /// Sign-in requests (codes sent) per officer (or per typed identifier). Default: 5.
    public var requestsPerOfficer = 5
    /// Sign-in requests per client address. Default: 20.
    public var requestsPerAddress = 20
    /// Wrong codes per client address. Default: 20.
    public var failedVerificationsPerAddress = 20
    /// The sliding window. Default: 15 minutes.
    public var window: Duration = .seconds(15 * 60)

    /// The defaults.
    public init() {}
}

/// Whether a sign-in attempt may go ahead.
public enum SignInAdmission: Sendable, Hashable {
    /// It may; for requests, it has been counted.
    case admitted
    /// Too many attempts; the next is allowed after `retryAfter` seconds.
    case limited(by: Limit, retryAfter: Int)

    /// Which limit was reached.
    public enum Limit: String, Sendable, Hashable {
        case officer
        case address
    }
}

extension SignInStore {
    /// Admits a sign-in request for `officerKey` (the officer's id, or the identifier typed when
    /// it names nobody, so that a limit never tells who exists) from `clientAddress` at `now`,
    /// and counts it; or refuses it, counting nothing. Atomic: concurrent requests for the same
    /// officer or address are admitted one after the other.
    public func admitRequest(
        officerKey: String,
        clientAddress: String,
        limits: SignInRateLimits,
        now: Date
    ) async throws -> SignInAdmission {
        let since = now.addingTimeInterval(-DeadlineDuration.seconds(limits.window))
        return try await StoreError.wrapping("admitting a sign-in request") {
            try await pool.withTransaction { connection in
                // Two lock classes, always taken in this order, so no two requests deadlock.
                _ = try await connection.query("SELECT pg_advisory_xact_lock(1, hashtext(\(officerKey)))")
                _ = try await connection.query("SELECT pg_advisory_xact_lock(2, hashtext(\(clientAddress)))")
                let checks: [(SignInAdmission.Limit, PostgresQuery, Int)] = [
                    (
                        .officer,
                        """
                        SELECT count(*), min(at) FROM sign_in_attempts
                        WHERE kind = 'request' AND officer_id = \(officerKey) AND at > \(since)
                        """,
                        limits.requestsPerOfficer
                    ),
                    (
                        .address,
                        """
                        SELECT count(*), min(at) FROM sign_in_attempts
                        WHERE kind = 'request' AND client_address = \(clientAddress) AND at > \(since)
                        """,
                        limits.requestsPerAddress
                    ),
                ]
                for (limit, query, allowed) in checks {
                    if let refusal = try await Self.refusal(limit, query, allowed, limits, now, connection) {
                        return refusal
                    }
                }
                _ = try await connection.execute(
                    """
                    INSERT INTO sign_in_attempts (officer_id, client_address, kind, succeeded, at)
                    VALUES (\(officerKey), \(clientAddress), 'request', true, \(now.roundedToMicroseconds))
                    """
                )
                return .admitted
            }
        }
    }

    /// Admits a code check from `clientAddress` at `now` unless it sent too many wrong codes.
    public func admitVerification(clientAddress: String, limits: SignInRateLimits, now: Date) async throws
        -> SignInAdmission
    {
        let since = now.addingTimeInterval(-DeadlineDuration.seconds(limits.window))
        return try await StoreError.wrapping("admitting a sign-in code check") {
            try await pool.withConnection { connection in
                try await Self.refusal(
                    .address,
                    """
                    SELECT count(*), min(at) FROM sign_in_attempts
                    WHERE kind = 'verify' AND NOT succeeded AND client_address = \(clientAddress) AND at > \(since)
                    """,
                    limits.failedVerificationsPerAddress,
                    limits,
                    now,
                    connection
                ) ?? .admitted
            }
        }
    }

    /// Counts a code check (or a link use) and whether it signed someone in.
    public func recordVerification(officerKey: String?, clientAddress: String, succeeded: Bool, now: Date) async throws {
        try await StoreError.wrapping("counting a sign-in code check") {
            _ = try await pool.withConnection { connection in
                try await connection.execute(
                    """
                    INSERT INTO sign_in_attempts (officer_id, client_address, kind, succeeded, at)
                    VALUES (\(officerKey), \(clientAddress), 'verify', \(succeeded), \(now.roundedToMicroseconds))
                    """
                )
            }
        }
    }

    /// The refusal when `query` (count and oldest time in the window) reaches `allowed`.
    private static func refusal(
        _ limit: SignInAdmission.Limit,
        _ query: PostgresQuery,
        _ allowed: Int,
        _ limits: SignInRateLimits,
        _ now: Date,
        _ connection: PostgresConnection
    ) async throws -> SignInAdmission? {
        guard let row = try await connection.query(query).first, try row.decode(Int.self, at: 0) >= allowed,
            let oldest = try row.decode(Date?.self, at: 1)
        else { return nil }
        let reopens = oldest.addingTimeInterval(DeadlineDuration.seconds(limits.window))
        return .limited(by: limit, retryAfter: max(1, Int(reopens.timeIntervalSince(now).rounded(.up))))
    }
}
