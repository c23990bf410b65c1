import Foundation
import Postgres
import WatchpostCore

/// How many sign-in attempts are allowed, and how the officer's code is protected. The defaults
/// make guessing pointless (see docs/security.md, "How long a guess takes") without letting a
/// stranger lock an officer out or flood them with codes.
public struct SignInRateLimits: Sendable, Hashable {
    /// Sign-in requests per client address (an IPv4 address, or an IPv6 /64). Default: 20.
    public var requestsPerAddress = 20
    /// Wrong codes per client address (an IPv4 address, or an IPv6 /64). Default: 20.
    public var failedVerificationsPerAddress = 20
    /// The sliding window of the per-address limits. Default: 15 minutes.
    public var window: Duration = .seconds(15 * 60)
    /// How long after a code was last sent a repeated request may send it again (once per
    /// code). Default: 1 minute.
    public var resendInterval: Duration = .seconds(60)
    /// Wrong codes per officer, across all their codes, before each further check must wait.
    /// Default: 5.
    public var failuresBeforeBackOff = 5
    /// The longest wait between two checks of an officer's code. Default: 4 hours.
    public var backOffCap: Duration = .seconds(4 * 3600)

    /// The defaults.
    public init() {}

    /// Seconds a code check must wait after the last wrong one, when `failures` wrong codes
    /// were typed since the last right one: 0 below `failuresBeforeBackOff`, then 2, 4, 8, …
    /// (2^(failures − failuresBeforeBackOff + 1)) up to `backOffCap`.
    public func backOff(afterFailures failures: Int) -> Int {
        let cap = Int(backOffCap.components.seconds)
        guard failures >= failuresBeforeBackOff else { return 0 }
        let exponent = failures - failuresBeforeBackOff + 1
        guard exponent < 62 else { return cap }
        return min(cap, 1 << exponent)
    }
}

/// Whether a sign-in attempt may go ahead.
public enum SignInAdmission: Sendable, Hashable {
    /// It may.
    case admitted
    /// Too many attempts from this address; the next is allowed after `retryAfter` seconds.
    case limited(retryAfter: Int)
}

extension SignInStore {
    /// Admits a code check from `clientAddress` at `now` unless it sent too many wrong codes.
    public func admitVerification(clientAddress: String, limits: SignInRateLimits, now: Date) async throws
        -> SignInAdmission
    {
        let since = now.addingTimeInterval(-DeadlineDuration.seconds(limits.window))
        return try await StoreError.wrapping("admitting a sign-in code check") {
            try await pool.withConnection { connection in
                try await Self.refusal(
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
    public func recordVerification(officerKey: String?, clientAddress: String, succeeded: Bool, now: Date) async throws
    {
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
    static func refusal(
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
        return .limited(retryAfter: max(1, Int(reopens.timeIntervalSince(now).rounded(.up))))
    }
}
