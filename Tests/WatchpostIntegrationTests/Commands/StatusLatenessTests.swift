import Foundation
import Postgres
import Testing
import WatchpostCore
import WatchpostStore

/// `watchpost status` shows how long the oldest overdue obligation has waited for its
/// escalation: lateness of the deadline enforcer cannot hide.
@Suite(.timeLimit(.minutes(5)))
struct StatusLatenessTests {
    @Test func overviewGivesTheAgeOfTheOldestOverdueUnescalatedObligation() async throws {
        try await StoreTestDatabase.with { pool in
            let store = try StoreFixture.eventStore(pool)
            _ = try await store.applyBatch(
                StoreFixture.inbound([StoreFixture.report()]),
                rejected: [],
                now: StoreFixture.t0
            )
            let t0 = StoreFixture.t0
            #expect(try await OperatorOverview.read(from: pool, now: t0).oldestUnescalatedOverdueSeconds == 0)

            let late = try await Self.moveFirstDeadline(to: t0.addingTimeInterval(-90), pool)
            let overview = try await OperatorOverview.read(from: pool, now: t0)
            #expect(abs(overview.oldestUnescalatedOverdueSeconds - 90) < 0.001)
            #expect(overview.counts.overdueObligations == 1)

            // Its escalation requested, it waits no more (though still open and overdue).
            _ = try await pool.withConnection { connection in
                try await connection.execute(
                    "UPDATE obligations SET escalation_requested_level = level + 1 WHERE id = \(late)"
                )
            }
            let escalated = try await OperatorOverview.read(from: pool, now: t0)
            #expect(escalated.oldestUnescalatedOverdueSeconds == 0)
            #expect(escalated.counts.overdueObligations == 1)
        }
    }

    @Test func statusCommandShowsTheAgeInVietnameseAndEnglishAndInJSON() async throws {
        try await StoreTestDatabase.with { pool in
            let store = try StoreFixture.eventStore(pool)
            _ = try await store.applyBatch(StoreFixture.inbound([StoreFixture.report()]), rejected: [], now: Date())
            _ = try await pool.withConnection { connection in
                try await connection.execute("UPDATE obligations SET due_at = now() + interval '1 day'")
            }
            _ = try await Self.moveFirstDeadline(to: Date().addingTimeInterval(-7_200), pool)
            let arguments = [
                "status", "--database-url", pool.configuration.conninfo, "--config-dir", PipelinePaths.config.path,
            ]

            let text = try await PipelineCommandTests.watchpost(arguments)
            #expect(text.status == 0, "\(text.output)")
            #expect(
                text.output.contains(
                    "Nhiệm vụ quá hạn lâu nhất chưa báo cáo cấp trên (oldest overdue obligation not yet escalated): 2h"
                ),
                "\(text.output)"
            )

            let json = try await PipelineCommandTests.watchpost(arguments + ["--json"])
            #expect(json.status == 0, "\(json.output)")
            let start = try #require(json.output.firstIndex(of: "{"))
            let end = try #require(json.output.lastIndex(of: "}"))
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(json.output[start...end].utf8)) as? [String: Any]
            )
            let overview = try #require(object["overview"] as? [String: Any])
            let seconds = try #require(overview["oldestUnescalatedOverdueSeconds"] as? Double)
            #expect(seconds >= 7_200 && seconds < 7_200 + 3_600, "\(seconds)")
        }
    }

    /// Moves the deadline of the open obligation due first to `dueAt`; returns its id.
    private static func moveFirstDeadline(to dueAt: Date, _ pool: PostgresPool) async throws -> UUID {
        try await pool.withConnection { connection in
            let rows = try await connection.query(
                """
                UPDATE obligations SET due_at = \(dueAt)
                WHERE id = (SELECT id FROM obligations WHERE status = 'open' ORDER BY due_at, id LIMIT 1)
                RETURNING id
                """
            )
            return try #require(rows.first).decode(UUID.self, at: 0)
        }
    }
}
