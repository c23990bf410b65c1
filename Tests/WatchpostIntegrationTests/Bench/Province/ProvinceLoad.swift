import Foundation
import Postgres
import WatchpostCore
import WatchpostStore

/// Writes a `ProvinceYear` through the real store code on a virtual clock, so the rows are those
/// the workers write: the events in time order, in batches of what arrives within `window`
/// (at most `batchSize`), each applied with `EventStore.applyBatch` a second after its last
/// event; before each batch, the enforcer's passes (`DeadlineStore.escalateDue`,
/// `sendDueReminders`) at every instant something fell due, `enforcerLag` late (one pass takes
/// everything due by then, so a longer lag means fewer passes; the audit's grace is 60 s), with the escalation
/// events they queue applied a second later as the relay and a worker would, and the outbox
/// emptied as the relay would.
struct ProvinceLoad {
    static let topic = "watchpost.events"

    var batches = 0
    var enforcerPasses = 0
    var escalationEvents = 0
    var remindersClaimed = 0
    var routingRejected = 0
    var summary = BatchSummary()

    /// Migrates `pool`'s database and syncs `directory` into it at `at`, before any event.
    static func prepare(_ pool: PostgresPool, directory: Directory, at: Date) async throws {
        try await Migrator.migrate(pool, logger: StoreTestDatabase.logger)
        _ = try await DirectorySync.sync(directory, pool: pool, now: at)
    }

    /// Writes `events` (in time order) from `start` and runs the enforcer up to `end`.
    static func run(
        _ all: [Event],
        from start: Date = ProvinceYear.start,
        until end: Date = ProvinceYear.end,
        directory: Directory,
        policy: Policy,
        pool: PostgresPool,
        window: TimeInterval = 600,
        batchSize: Int = 500,
        enforcerLag: TimeInterval = 1
    ) async throws -> ProvinceLoad {
        let logger = StoreTestDatabase.logger
        let events = EventStore(pool: pool, directory: directory, policy: policy, logger: logger)
        let deadlines = DeadlineStore(pool: pool, directory: directory, policy: policy, logger: logger)
        var load = ProvinceLoad()
        var offsets: [Int32: Int64] = [0: 0, 1: 0]
        var clock = start
        func apply(_ batch: [Event], partition: Int32, now: Date) async throws {
            let inbound = StoreFixture.inbound(batch, partition: partition, from: offsets[partition, default: 0])
            offsets[partition, default: 0] += Int64(batch.count)
            let (summary, _) = try await events.applyRetrying(inbound, now: now)
            load.add(summary)
            load.batches += 1
        }
        /// The enforcer at every instant before `until` at which something is due.
        func enforce(until: Date) async throws {
            while let wake = try await deadlines.nextWakeUp(), wake < until {
                // Never later than `until`, so a pass is not put off batch after batch.
                let at = min(max(wake, clock).addingTimeInterval(enforcerLag), until)
                var queued: [Event] = []
                while true {
                    let escalated = try await deadlines.escalateDue(now: at, limit: batchSize, topic: topic)
                    queued += escalated.events
                    if escalated.claimed < batchSize { break }
                }
                while true {
                    let claimed = try await deadlines.sendDueReminders(now: at, limit: batchSize)
                    load.remindersClaimed += claimed
                    if claimed < batchSize { break }
                }
                _ = try await pool.withConnection { try await $0.execute("DELETE FROM outbox") }
                load.enforcerPasses += 1
                load.escalationEvents += queued.count
                clock = at
                if !queued.isEmpty {
                    clock = at.addingTimeInterval(1)
                    try await apply(queued, partition: 1, now: clock)
                }
            }
        }
        var index = 0
        while index < all.count {
            let opens = all[index].occurredAt
            var end = index
            while end < all.count, end - index < batchSize, all[end].occurredAt < opens.addingTimeInterval(window) {
                end += 1
            }
            let batch = Array(all[index..<end])
            let arrived = max(batch[batch.count - 1].occurredAt.addingTimeInterval(1), clock)
            try await enforce(until: arrived)
            // The escalations of a pass at `arrived` were applied a second later.
            let now = max(arrived, clock)
            try await apply(batch, partition: 0, now: now)
            clock = now
            index = end
        }
        try await enforce(until: end)
        return load
    }

    /// Adds a batch's summary; the rejected inputs are counted, not kept.
    private mutating func add(_ batch: BatchSummary) {
        var batch = batch
        routingRejected += batch.routingRejected.count
        batch.routingRejected = []
        summary = summary + batch
    }
}
