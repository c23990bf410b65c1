import Foundation
import Logging
import Postgres
import WatchpostCore

/// The deadline enforcer's queries: claim overdue obligations and publish their escalations,
/// write due reminders, and say when to look next.
///
/// Claims use `FOR UPDATE SKIP LOCKED`, so any number of workers can run these at once and each
/// obligation is handled by one of them.
public final class DeadlineStore: Sendable {
    private let pool: PostgresPool
    private let directory: DirectorySource
    private let policy: Policy
    private let logger: Logger

    /// Creates a store that builds escalations with `policy` and finds reminder recipients in
    /// `directory`, with the declarations made through the API laid over it (the same ones the
    /// `EventStore` routes with).
    public init(pool: PostgresPool, directory: Directory, policy: Policy, logger: Logger) {
        self.pool = pool
        self.directory = DirectorySource(base: directory)
        self.policy = policy
        self.logger = logger
    }

    /// Claims up to `limit` open obligations overdue at `now` whose next level has not been
    /// requested yet, builds `DeadlineEnforcer.escalationEvent` for each, queues the events in
    /// the outbox for `topic` and records the level as requested, in one transaction. The relay
    /// publishes them; the enforcer never waits on the broker. An obligation at its chain's last
    /// level is marked without an event. Each obligation is requested once per level across all
    /// workers.
    ///
    /// Returns how many obligations were claimed (0: nothing is due; `limit`: call again) and the
    /// events queued.
    public func escalateDue(now: Date, limit: Int, topic: String) async throws -> (claimed: Int, events: [Event]) {
        let now = now.roundedToMicroseconds
        return try await StoreError.wrapping("escalating due obligations") {
            try await pool.withTransaction { connection in
                let claimed = try await claim(.overdue, now: now, limit: limit, on: connection)
                guard !claimed.isEmpty else { return (0, []) }
                let incidents = try await IncidentLoader.load(
                    ids: Array(Set(claimed.map(\.incidentID))),
                    lock: false,
                    on: connection
                )
                let events = claimed.compactMap { obligation -> Event? in
                    guard let incident = incidents[obligation.incidentID] else { return nil }
                    return DeadlineEnforcer.escalationEvent(
                        for: obligation,
                        incident: incident,
                        policy: policy,
                        now: now
                    )
                }
                try await OutboxStore.enqueue(events, topic: topic, now: now, on: connection)
                try await connection.query(
                    "UPDATE obligations SET escalation_requested_level = level + 1 WHERE id = ANY(\(claimed.map(\.id)))"
                )
                logger.debug(
                    "requested escalations",
                    metadata: ["claimed": "\(claimed.count)", "events": "\(events.count)"]
                )
                return (claimed.count, events)
            }
        }
    }

    /// Applies what closures and absences declared through the API since the last pass change
    /// in open obligations (`DeclarationReplan`): up to `limit` declarations, once across all
    /// workers. Returns how many deadlines moved and how many obligations were handed over.
    public func applyDeclarations(now: Date, limit: Int) async throws -> (moved: Int, handedOver: Int) {
        let now = now.roundedToMicroseconds
        return try await StoreError.wrapping("applying declarations to open deadlines") {
            try await pool.withTransaction { connection in
                let outcome = try await DeclarationReplan.run(
                    source: directory,
                    now: now,
                    limit: limit,
                    on: connection
                )
                if outcome.revisions > 0 {
                    logger.info(
                        "applied declarations",
                        metadata: [
                            "revisions": "\(outcome.revisions)", "moved": "\(outcome.moved)",
                            "handed_over": "\(outcome.handedOver)",
                        ]
                    )
                }
                return (outcome.moved, outcome.handedOver)
            }
        }
    }

    /// Claims up to `limit` open obligations whose next reminder is due at `now`, writes the
    /// reminder alerts and deliveries (deterministic ids, so never twice) and moves each
    /// obligation's `next_reminder_at` to its next reminder, or clears it.
    ///
    /// Returns how many obligations were claimed (0: nothing is due; `limit`: call again).
    public func sendDueReminders(now: Date, limit: Int) async throws -> Int {
        let now = now.roundedToMicroseconds
        return try await StoreError.wrapping("sending due reminders") {
            try await pool.withTransaction { connection in
                // The declarations' shared lock before any row lock, as a batch takes it.
                let directory = try await directory.directory(on: connection).directory
                let claimed = try await claim(.reminderDue, now: now, limit: limit, on: connection)
                guard !claimed.isEmpty else { return 0 }
                let incidents = try await IncidentLoader.load(
                    ids: Array(Set(claimed.map(\.incidentID))),
                    lock: false,
                    on: connection
                )
                var alerts: [Alert] = []
                var deliveries: [Delivery] = []
                for obligation in claimed {
                    guard let incident = incidents[obligation.incidentID] else { continue }
                    let reminder = DeadlineEnforcer.dueReminder(
                        for: obligation,
                        incident: incident,
                        directory: directory,
                        now: now
                    )
                    alerts += reminder.alerts
                    deliveries += reminder.deliveries
                }
                let holds = try await DeliveryHolds.plan(
                    deliveries: deliveries,
                    alerts: alerts,
                    incidents: incidents,
                    policy: policy,
                    now: now,
                    on: connection
                )
                let written = try await AlertWriter.insert(
                    alerts: alerts,
                    deliveries: deliveries,
                    holds: holds,
                    now: now,
                    on: connection
                )
                let next = claimed.map { obligation -> Date? in
                    guard let dueAt = obligation.dueAt else { return nil }
                    return obligation.remindersAt.first { $0 > now && $0 < dueAt }
                }
                try await connection.query(
                    """
                    UPDATE obligations AS o SET next_reminder_at = u.next
                    FROM unnest(\(claimed.map(\.id))::uuid[], \(next)::timestamptz[]) AS u(id, next)
                    WHERE o.id = u.id
                    """
                )
                if written.deliveries > 0 { try await connection.notify(StoreChannel.deliveries) }
                logger.debug(
                    "sent reminders",
                    metadata: ["claimed": "\(claimed.count)", "alerts": "\(written.alerts)"]
                )
                return claimed.count
            }
        }
    }

    /// The earliest instant at which `escalateDue` or `sendDueReminders` has work: the nearest
    /// unrequested deadline or pending reminder. It may lie in the past (work is waiting now);
    /// `nil` when no open obligation has a deadline or reminder left.
    public func nextWakeUp() async throws -> Date? {
        try await StoreError.wrapping("finding the next deadline") {
            try await pool.withConnection { connection in
                let rows = try await connection.query(
                    """
                    SELECT least(
                        (SELECT min(due_at) FROM obligations
                         WHERE status = 'open' AND due_at IS NOT NULL AND escalation_requested_level <= level),
                        (SELECT min(next_reminder_at) FROM obligations
                         WHERE status = 'open' AND next_reminder_at IS NOT NULL))
                    """
                )
                return try rows.first?.decode(Date?.self, at: 0) ?? nil
            }
        }
    }

    /// Open obligations due within the hour after `now` (`due`) and already overdue (`overdue`).
    public func obligationGauges(now: Date) async throws -> (due: Int, overdue: Int) {
        try await StoreError.wrapping("counting obligations") {
            try await pool.withConnection { connection in
                let rows = try await connection.query(
                    """
                    SELECT count(*) FILTER (WHERE due_at > \(now) AND due_at <= \(now.addingTimeInterval(3600))),
                           count(*) FILTER (WHERE due_at <= \(now))
                    FROM obligations WHERE status = 'open' AND due_at IS NOT NULL
                    """
                )
                guard let row = rows.first else { return (0, 0) }
                return (try row.decode(Int.self, at: 0), try row.decode(Int.self, at: 1))
            }
        }
    }

    private enum Claim {
        /// Overdue, and the next level not yet requested.
        case overdue
        /// At level 0 with a reminder due.
        case reminderDue
    }

    /// Locks and returns up to `limit` open obligations that are `claim` at `now`, most urgent
    /// first, skipping rows another worker holds.
    private func claim(_ claim: Claim, now: Date, limit: Int, on connection: PostgresConnection) async throws
        -> [Obligation]
    {
        let limit = max(1, limit)
        let query: PostgresQuery
        switch claim {
        case .overdue:
            query = """
                SELECT \(unescaped: ObligationRow.columns) FROM obligations
                WHERE status = 'open' AND due_at <= \(now) AND escalation_requested_level <= level
                ORDER BY due_at LIMIT \(limit) FOR UPDATE SKIP LOCKED
                """
        case .reminderDue:
            query = """
                SELECT \(unescaped: ObligationRow.columns) FROM obligations
                WHERE status = 'open' AND next_reminder_at <= \(now)
                ORDER BY next_reminder_at LIMIT \(limit) FOR UPDATE SKIP LOCKED
                """
        }
        return try await connection.query(query).map(ObligationRow.decode)
    }
}
