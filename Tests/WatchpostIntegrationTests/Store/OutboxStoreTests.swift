import Foundation
import Postgres
import Testing
import WatchpostCore
import WatchpostStore

/// The outbox as the relays use it: each message claimed by one relay at a time, deleted once
/// sent, kept when refused for good and tried again an hour later.
@Suite(.timeLimit(.minutes(5)))
struct OutboxStoreTests {
    /// Records a rejected input through a batch, which queues its dead letter.
    static func queueOneDeadLetter(_ pool: PostgresPool) async throws {
        let store = try StoreFixture.eventStore(pool)
        let garbage = RejectedInput(
            topic: StoreFixture.topic,
            partition: 0,
            offset: 7,
            key: nil,
            raw: Array("{not json".utf8),
            reason: "input: is not valid JSON",
            problems: [StoredProblem(EventProblem(path: "", code: .notJSON, reason: "is not valid JSON"))]
        )
        _ = try await store.applyBatch([], rejected: [garbage], now: StoreFixture.t0)
    }

    @Test func refusedDeadLetterIsKeptAndTriedAgainAfterAnHourThenDeletedWhenSent() async throws {
        try await StoreTestDatabase.with { pool in
            try await Self.queueOneDeadLetter(pool)
            let outbox = OutboxStore(pool: pool)
            let t0 = Date()
            let refused = try await outbox.relay(limit: 10, now: { t0 }) { entries in
                Dictionary(uniqueKeysWithValues: entries.map { ($0.id, OutboxOutcome.refused("not authorised")) })
            }
            #expect(refused == 1)
            #expect(
                try await StoreTestDatabase.scalar(pool, "SELECT count(*) FROM outbox WHERE failed_at IS NOT NULL") == 1
            )

            let soon = try await outbox.relay(limit: 10, now: { t0.addingTimeInterval(30 * 60) }) { _ in [:] }
            #expect(soon == 0, "not tried again within the hour")

            let later = try await outbox.relay(limit: 10, now: { t0.addingTimeInterval(61 * 60) }) { entries in
                Dictionary(uniqueKeysWithValues: entries.map { ($0.id, OutboxOutcome.sent) })
            }
            #expect(later == 1)
            #expect(try await StoreTestDatabase.scalar(pool, "SELECT count(*) FROM outbox") == 0)
        }
    }

    @Test func theBacklogCountsPendingAndFailedMessagesAndAgesTheOldestPendingOne() async throws {
        try await StoreTestDatabase.with { pool in
            let outbox = OutboxStore(pool: pool)
            let empty = try await outbox.backlog(now: StoreFixture.t0)
            #expect(empty.pending == 0 && empty.oldestSeconds == 0 && empty.failed == 0)

            try await Self.queueOneDeadLetter(pool)  // created at t0
            let refusedAt = StoreFixture.t0.addingTimeInterval(5)
            _ = try await outbox.relay(limit: 10, now: { refusedAt }) { entries in
                Dictionary(uniqueKeysWithValues: entries.map { ($0.id, OutboxOutcome.refused("not authorised")) })
            }
            try await pool.withConnection { connection in
                try await connection.execute(
                    """
                    INSERT INTO outbox (topic, key, value, created_at)
                    VALUES ('watchpost.events', NULL, '\\x7b7d', \(StoreFixture.t0.addingTimeInterval(60))),
                           ('watchpost.events', NULL, '\\x7b7d', \(StoreFixture.t0.addingTimeInterval(90)))
                    """
                )
            }
            let backlog = try await outbox.backlog(now: StoreFixture.t0.addingTimeInterval(100))
            #expect(backlog.pending == 2)
            #expect(backlog.oldestSeconds == 40, "the failed message does not count as waiting")
            #expect(backlog.failed == 1)
        }
    }

    @Test func messageWithoutOutcomeStaysPendingForTheNextRound() async throws {
        try await StoreTestDatabase.with { pool in
            try await Self.queueOneDeadLetter(pool)
            let outbox = OutboxStore(pool: pool)
            #expect(try await outbox.relay(limit: 10) { _ in [:] } == 1)
            #expect(
                try await StoreTestDatabase.scalar(pool, "SELECT count(*) FROM outbox WHERE failed_at IS NULL") == 1
            )
        }
    }

    @Test func concurrentRelaysNeverClaimTheSameMessage() async throws {
        try await StoreTestDatabase.with { pool in
            for offset in 0..<40 {
                let store = try StoreFixture.eventStore(pool)
                let garbage = RejectedInput(
                    topic: StoreFixture.topic,
                    partition: 1,
                    offset: Int64(offset),
                    key: nil,
                    raw: [0xFF],
                    reason: "input: is not UTF-8",
                    problems: []
                )
                _ = try await store.applyBatch([], rejected: [garbage], now: StoreFixture.t0)
            }
            let outbox = OutboxStore(pool: pool)
            let seen = StoreCollector<Int64>()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<3 {
                    group.addTask {
                        while try await outbox.relay(
                            limit: 5,
                            send: { entries in
                                await seen.append(contentsOf: entries.map(\.id))
                                return Dictionary(uniqueKeysWithValues: entries.map { ($0.id, OutboxOutcome.sent) })
                            }
                        ) > 0 {}
                    }
                }
                try await group.waitForAll()
            }
            let ids = await seen.values
            #expect(ids.count == 40)
            #expect(Set(ids).count == 40, "no message was handed to two relays")
            #expect(try await StoreTestDatabase.scalar(pool, "SELECT count(*) FROM outbox") == 0)
        }
    }
}
