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
    private let directory: Directory
    private let policy: Policy
    private let logger: Logger

    /// Creates a store that routes with `directory` and `policy`. Sync the same directory into
    /// the database first (`DirectorySync.sync`): incidents and alerts refer to its units and
    /// officers by foreign key.
    public init(pool: PostgresPool, directory: Directory, policy: Policy, logger: Logger) {
        self.pool = pool
        self.directory = directory
        self.policy = policy
        self.logger = logger
    }

    /// Applies one batch in ONE transaction and returns what happened.
    ///
    /// Decode rejections are recorded (once per offset). The incidents the events name are
    /// locked (an advisory lock per incident id, then the rows in id order); events already
    /// stored are duplicates and do nothing; the new ones are routed in (partition, offset)
    /// order, with each incident's state threaded through the batch in memory, and stored with
    /// their outcome. Effects are written with a handful of bulk statements, whatever the batch
    /// size. An event stored earlier as `rejected` that arrives at another offset (a dead-letter
    /// replay) is routed again. Router rejections get a
    /// `rejected_events` row with stage `routing` and are returned in `routingRejected`.
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
        let batch = Self.ordered(events)
        let summary = try await StoreError.wrapping("applying a batch of \(events.count) event(s)") {
            try await pool.withTransaction { connection in
                var summary = BatchSummary()
                summary.decodeRejectedStored = try await EventLog.insert(
                    rejected.map(Self.decodeRejection),
                    now: now,
                    on: connection
                )
                // Locking every named incident first serialises workers that see the same events
                // or create the same incident, so the reads below stay true until commit.
                try await BatchRun.lockIncidents(Set(batch.map(\.event.incidentID)), on: connection)
                let arrivals = try await EventLog.arrivals(of: batch, on: connection)
                summary.duplicates = events.count - arrivals.count
                summary.stored = arrivals.values.filter { $0 == .new }.count
                summary.rerouted = arrivals.count - summary.stored
                let toRoute = batch.filter { arrivals[$0.event.eventID] != nil }
                guard !toRoute.isEmpty else { return summary }
                var run = try await BatchRun.start(
                    toRoute,
                    directory: directory,
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

    /// The batch in (partition, offset) order without repeated event ids (the first one wins).
    static func ordered(_ events: [InboundEvent]) -> [InboundEvent] {
        let sorted = events.enumerated().sorted { lhs, rhs in
            (lhs.element.partition, lhs.element.offset, lhs.offset)
                < (rhs.element.partition, rhs.element.offset, rhs.offset)
        }
        var seen: Set<UUID> = []
        return sorted.map(\.element).filter { seen.insert($0.event.eventID).inserted }
    }

    private static func decodeRejection(_ input: RejectedInput) -> EventLog.Rejection {
        EventLog.Rejection(
            topic: input.topic,
            partition: input.partition,
            offset: input.offset,
            key: input.key,
            raw: input.raw,
            stage: "decode",
            reason: input.reason,
            problems: input.problems.map(StoredProblem.init),
            eventID: nil,
            incidentID: nil
        )
    }
}
