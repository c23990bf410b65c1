import Foundation
import Logging
import Postgres
import WatchpostCore

/// Removes the details of closed incidents once the policy's retention period has passed since
/// they were resolved (one period for incidents involving a student, another, optional, for the
/// rest), and the bodies of rejected inputs once the first has passed since they were received
/// (Personal Data Protection Law 91/2025/QH15; Decree 356/2025/NĐ-CP).
///
/// One purge runs at a time across all workers and hosts: a purge holds a session advisory lock
/// for its whole run, and one that finds it taken does nothing. Incidents are purged in batches,
/// each in its own transaction together with the counts of its `purge_runs` row, so an
/// interrupted purge leaves a true record and the next one carries on. Purging is idempotent:
/// what was purged is marked and not touched again.
public struct RetentionStore: Sendable {
    /// The advisory lock key every purge takes (the ASCII of "wppurge.").
    static let lockKey: Int64 = 0x7770_7075_7267_652E

    private let pool: PostgresPool
    private let logger: Logger

    /// Creates a store on `pool`.
    public init(pool: PostgresPool, logger: Logger) {
        self.pool = pool
        self.logger = logger
    }

    /// Purges what `period` (incidents involving a student, and rejected inputs) and
    /// `otherPeriod` (incidents involving none; nil: kept) say is due at `now`, in batches of
    /// `batchSize` incidents, and records the run in `purge_runs` as started by `trigger` and
    /// `runBy`. With `dryRun`, only counts what would be purged and records nothing.
    ///
    /// - Parameter unlessRunSince: when set, nothing is done if a run started by `trigger` began
    ///   at or after this instant (the workers' daily schedule).
    /// - Returns: the run, or nil when another purge holds the lock or the run was not due.
    public func purge(
        period: RetentionPeriod,
        otherPeriod: RetentionPeriod? = nil,
        now: Date,
        trigger: PurgeTrigger,
        runBy: String,
        dryRun: Bool = false,
        batchSize: Int = 200,
        unlessRunSince: Date? = nil
    ) async throws -> PurgeRun? {
        let now = now.roundedToMicroseconds
        let due = PurgeCutoffs(
            student: period.cutoff(at: now).roundedToMicroseconds,
            other: otherPeriod?.cutoff(at: now).roundedToMicroseconds
        )
        let periods = otherPeriod.map { "\(period); others \($0)" } ?? period.description
        return try await StoreError.wrapping("purging details past the retention period") {
            try await pool.withConnection { connection -> PurgeRun? in
                let locked = try await connection.query("SELECT pg_try_advisory_lock(\(Self.lockKey))")
                guard try locked.first?.decode(Bool.self, at: 0) == true else { return nil }
                do {
                    let run = try await purgeLocked(
                        Plan(
                            period: periods,
                            now: now,
                            due: due,
                            trigger: trigger,
                            runBy: runBy,
                            batchSize: batchSize
                        ),
                        dryRun: dryRun,
                        unlessRunSince: unlessRunSince,
                        on: connection
                    )
                    try await connection.query("SELECT pg_advisory_unlock(\(Self.lockKey))")
                    return run
                } catch {
                    // A failed batch was rolled back; the session, and so the lock, lives on.
                    _ = try? await connection.query("SELECT pg_advisory_unlock(\(Self.lockKey))")
                    throw error
                }
            }
        }
    }

    /// When the last run started by `trigger` began, if any (not counting dry runs).
    public func lastRun(by trigger: PurgeTrigger) async throws -> Date? {
        try await StoreError.wrapping("reading the last purge") {
            try await pool.withConnection { try await lastRun(trigger, on: $0) }
        }
    }

    private struct Plan {
        var period: String
        var now: Date
        var due: PurgeCutoffs
        var cutoff: Date { due.student }
        var trigger: PurgeTrigger
        var runBy: String
        var batchSize: Int
    }

    private func purgeLocked(
        _ plan: Plan,
        dryRun: Bool,
        unlessRunSince: Date?,
        on connection: PostgresConnection
    ) async throws -> PurgeRun? {
        if let unlessRunSince, let last = try await lastRun(plan.trigger, on: connection), last >= unlessRunSince {
            return nil
        }
        if dryRun {
            var counts = try await PurgeStatements.preview(plan.due, on: connection)
            counts.rejectedEvents = try await RejectedPurgeStatements.preview(cutoff: plan.cutoff, on: connection)
            return PurgeRun(
                id: nil,
                trigger: plan.trigger,
                cutoff: plan.cutoff,
                otherCutoff: plan.due.other,
                counts: counts
            )
        }
        let id = try await connection.query(
            """
            INSERT INTO purge_runs (trigger, run_by, started_at, cutoff, period)
            VALUES (\(plan.trigger.rawValue), \(plan.runBy), \(plan.now), \(plan.cutoff), \(plan.period))
            RETURNING id
            """
        ).first?.decode(Int64.self, at: 0)
        guard let id else { throw StoreError(code: .database, message: "purge_runs returned no id") }
        var total = PurgeCounts()
        while true {
            let batch = try await connection.transaction { connection -> PurgeCounts in
                let ids = try await PurgeStatements.claim(plan.due, limit: plan.batchSize, on: connection)
                guard !ids.isEmpty else { return PurgeCounts() }
                let counts = try await PurgeStatements.purge(ids, now: plan.now, on: connection)
                try await connection.query(
                    """
                    UPDATE purge_runs SET incidents = incidents + \(counts.incidents),
                        evidence = evidence + \(counts.evidence), events = events + \(counts.events)
                    WHERE id = \(id)
                    """
                )
                return counts
            }
            total = total + batch
            if batch.incidents < plan.batchSize { break }
        }
        total.rejectedEvents = try await purgeRejected(plan, run: id, on: connection)
        try await connection.query(
            "UPDATE purge_runs SET finished_at = \(Date().roundedToMicroseconds) WHERE id = \(id)"
        )
        logger.notice(
            "purge finished",
            metadata: [
                "purge_run": "\(id)", "trigger": "\(plan.trigger.rawValue)", "run_by": "\(plan.runBy)",
                "period": "\(plan.period)", "cutoff": "\(plan.cutoff)", "incidents": "\(total.incidents)",
                "evidence": "\(total.evidence)", "events": "\(total.events)",
                "rejected_events": "\(total.rejectedEvents)",
            ]
        )
        return PurgeRun(id: id, trigger: plan.trigger, cutoff: plan.cutoff, otherCutoff: plan.due.other, counts: total)
    }

    /// Empties the rejected inputs due under `plan`, in batches, each in its own transaction
    /// with the count of run `id`; returns how many.
    private func purgeRejected(_ plan: Plan, run id: Int64, on connection: PostgresConnection) async throws -> Int {
        var total = 0
        while true {
            let purged = try await connection.transaction { connection -> Int in
                let count = try await RejectedPurgeStatements.purge(
                    cutoff: plan.cutoff,
                    limit: plan.batchSize,
                    now: plan.now,
                    on: connection
                )
                try await connection.query(
                    "UPDATE purge_runs SET rejected_events = rejected_events + \(count) WHERE id = \(id)"
                )
                return count
            }
            total += purged
            if purged < plan.batchSize { return total }
        }
    }

    private func lastRun(_ trigger: PurgeTrigger, on connection: PostgresConnection) async throws -> Date? {
        try await connection.query(
            "SELECT max(started_at) FROM purge_runs WHERE trigger = \(trigger.rawValue)"
        ).first?.decode(Date?.self, at: 0)
    }
}
