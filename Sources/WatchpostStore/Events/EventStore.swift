import Foundation
import Logging
import Postgres
import WatchpostCore

/// Applies batches of events to the store: the audit trail, incidents, obligations, alerts and
/// deliveries, all in one transaction per batch.
///
/// Every effect is idempotent: events are stored under their id, derived rows have
/// deterministic ids, so applying the same batch twice changes nothing.
public final class EventStore: Sendable {
    private let pool: PostgresPool
    private let directory: DirectorySource
    private let policy: Policy
    private let logger: Logger

    /// Creates a store that routes with `directory`, with the closures and absences declared
    /// through the API laid over it (`DirectorySource`), and `policy`. Sync the same directory
    /// into the database first (`DirectorySync.sync`): incidents and alerts refer to its units
    /// and officers by foreign key.
    public init(pool: PostgresPool, directory: Directory, policy: Policy, logger: Logger) {
        self.pool = pool
        self.directory = DirectorySource(base: directory)
        self.policy = policy
        self.logger = logger
    }

    /// Applies one batch in ONE transaction and returns what happened.
    ///
    /// Refused inputs (`rejected`: decode, auth or store stage) are recorded (once per offset) and
    /// dead-lettered through the outbox. An event whose id was stored before, or earlier in the
    /// batch, with another body is a conflict: recorded with stage `conflict`
    /// (`RejectedInput.conflict`), dead-lettered, counted in `conflicts`, and the stored event is
    /// left as it is. The incidents the events name are
    /// locked (an advisory lock per incident id, then the rows in id order); events already
    /// stored are duplicates and do nothing; the new ones are routed in (partition, offset)
    /// order, with each incident's state threaded through the batch in memory, and stored with
    /// their outcome. Effects are written with a handful of bulk statements, whatever the batch
    /// size. An event stored earlier as `rejected` that arrives at another offset is routed
    /// again only as `watchpost dlq replay` sends it, marked as the replay of its latest refusal
    /// (`ReplayMark`); any other copy is refused as a replay, returned in `replaysRefused`, and
    /// changes nothing (issue 26). Router rejections (`RejectedInput.routing`) get a
    /// `rejected_events` row with stage `routing`, are dead-lettered, and are returned in
    /// `routingRejected`. Every refusal is recorded under its message key as received.
    ///
    /// A report attached to another open incident (same unit and dedup key) makes its incident
    /// id an alias of that incident (`incident_aliases`, same transaction); later events for the
    /// alias id, in this batch or later ones, are applied to that incident and stored with their
    /// own `incident_id` and the incident they were applied to (`applied_incident_id`).
    ///
    /// Throws `StoreError`; when `isRetriable` (connection loss, deadlock, or code
    /// `concurrentIncident`: another worker opened the same post at the same moment), nothing
    /// was written and the caller should apply the same batch again.
    public func applyBatch(_ events: [InboundEvent], rejected: [RejectedInput], now: Date) async throws -> BatchSummary
    {
        let now = now.roundedToMicroseconds
        let (batch, repeats) = Self.ordered(events)
        let summary = try await StoreError.wrapping("applying a batch of \(events.count) event(s)") {
            try await pool.withTransaction { connection in
                try await Self.preferIndexLookups(on: connection)
                var summary = BatchSummary()
                summary.rejectedStored = try await EventLog.insert(rejected, now: now, on: connection)
                summary.refused = rejected.reduce(into: [:]) { $0[$1.stage, default: 0] += 1 }
                // Locking every named incident first serialises workers that see the same events
                // or create the same incident, so the reads below stay true until commit.
                try await BatchRun.lockIncidents(Set(batch.map(\.event.incidentID)), on: connection)
                let stored = try await EventLog.stored(batch.map(\.event.eventID), on: connection)
                var conflicts: [RejectedInput] = []
                var toRoute: [InboundEvent] = []
                for inbound in batch {
                    switch EventLog.arrival(of: inbound, stored: stored[inbound.event.eventID]) {
                    case .new:
                        summary.stored += 1
                        toRoute.append(inbound)
                    case .rerouted:
                        summary.rerouted += 1
                        toRoute.append(inbound)
                    case .replayRefused(let latest):
                        summary.replaysRefused.append(RefusedReplay(inbound: inbound, latestRefusal: latest))
                    case .conflict(let storedAt):
                        conflicts.append(.conflict(inbound, storedAt: "\(storedAt)"))
                    case nil:
                        summary.duplicates += 1
                    }
                }
                // A later copy of an id in this batch is judged against the body that keeps the
                // id: the stored event if there is one, else the batch's first copy. It is never
                // routed: the first copy is, or the stored event already was.
                for (inbound, first) in repeats {
                    if let previous = stored[inbound.event.eventID] {
                        if case .conflict(let storedAt) = EventLog.arrival(of: inbound, stored: previous) {
                            conflicts.append(.conflict(inbound, storedAt: "\(storedAt)"))
                        } else {
                            summary.duplicates += 1
                        }
                    } else if inbound.event.canonicalDigest != first.event.canonicalDigest {
                        conflicts.append(
                            .conflict(inbound, storedAt: "\(first.topic)[\(first.partition)]@\(first.offset)")
                        )
                    } else {
                        summary.duplicates += 1
                    }
                }
                summary.conflicts = try await EventLog.insert(conflicts, now: now, on: connection)
                guard !toRoute.isEmpty else { return summary }
                let declared = try await directory.directory(on: connection)
                var run = try await BatchRun.start(
                    toRoute,
                    directory: declared.directory,
                    calendarRevision: declared.revision,
                    policy: policy,
                    now: now,
                    on: connection
                )
                run.route()
                try await run.write(into: &summary, on: connection)
                return summary
            }
        }
        logger.debug(
            "applied batch",
            metadata: [
                "stored": "\(summary.stored)", "duplicates": "\(summary.duplicates)", "applied": "\(summary.applied)",
                "routing_rejected": "\(summary.routingRejected.count)", "alerts": "\(summary.alerts)",
            ]
        )
        return summary
    }

    /// Makes this transaction's statements find rows through their indexes, joined by nested
    /// loops. Every statement of a batch looks rows up by arrays of keys (`= ANY(…)`), a few
    /// hundred at a time. Without fresh statistics, as in a new deployment or a table that grows
    /// fast, PostgreSQL guesses such a filter matches most of the table, then scans and hashes
    /// whole tables, some in parallel workers: measured at 20–170 ms per statement once 30 000
    /// events were stored, growing with the tables (D28, docs/performance.md).
    static func preferIndexLookups(on connection: PostgresConnection) async throws {
        try await connection.executeScript(
            """
            SET LOCAL enable_seqscan = off; SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off;
            SET LOCAL max_parallel_workers_per_gather = 0
            """
        )
    }

    /// The batch in (partition, offset) order without repeated event ids (the first one wins),
    /// and the later copies of an id, each with the first copy of its id.
    static func ordered(_ events: [InboundEvent]) -> (
        batch: [InboundEvent], repeats: [(inbound: InboundEvent, first: InboundEvent)]
    ) {
        let sorted = events.enumerated().sorted { lhs, rhs in
            (lhs.element.partition, lhs.element.offset, lhs.offset)
                < (rhs.element.partition, rhs.element.offset, rhs.offset)
        }
        var first: [UUID: InboundEvent] = [:]
        var batch: [InboundEvent] = []
        var repeats: [(inbound: InboundEvent, first: InboundEvent)] = []
        for (_, inbound) in sorted {
            if let earlier = first[inbound.event.eventID] {
                repeats.append((inbound, earlier))
            } else {
                first[inbound.event.eventID] = inbound
                batch.append(inbound)
            }
        }
        return (batch, repeats)
    }
}
