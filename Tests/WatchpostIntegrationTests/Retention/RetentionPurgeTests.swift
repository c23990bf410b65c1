import Foundation
import Postgres
import Testing
import WatchpostCore
import WatchpostPipeline
import WatchpostStore

/// `watchpost purge` and the workers' schedule remove the details of closed incidents involving a
/// student after the policy's period, and nothing that the figures or the audit trail need.
@Suite(.timeLimit(.minutes(5)))
struct RetentionPurgeTests {
    static func period() throws -> RetentionPeriod {
        try #require(try StoreFixture.policy().retention).studentIncidentDetails
    }

    static func purge(_ pool: PostgresPool, at now: Date, dryRun: Bool = false) async throws -> PurgeRun {
        try #require(
            try await RetentionStore(pool: pool, logger: StoreTestDatabase.logger).purge(
                period: try period(),
                now: now,
                trigger: .cli,
                runBy: "cli:test@localhost",
                dryRun: dryRun,
                batchSize: 1
            )
        )
    }

    @Test func purgeRemovesTextURLsEvidenceAndRawPayloadsOfClosedStudentIncidentsPastThePeriod() async throws {
        try await StoreTestDatabase.with { pool in
            let history = RetentionHistory()
            try await history.seed(try StoreFixture.eventStore(pool))
            let run = try await Self.purge(pool, at: history.purgeAt)
            #expect(run.counts == PurgeCounts(incidents: 1, evidence: 2, events: 5))

            let stored = try await RetentionQueries.lines(pool, RetentionQueries.everything(about: history.purged))
            #expect(!stored.isEmpty)
            for line in stored {
                for secret in [
                    RetentionHistory.summary, "tiktok.com", "facebook.com", "phụ huynh", "đính chính", "gỡ bài",
                ] {
                    #expect(!line.contains(secret), "`\(secret)` is still stored: \(line)")
                }
            }
            let incident = try await RetentionQueries.lines(
                pool,
                """
                SELECT concat_ws('|', summary, urls::text, dedup_key, purged_at IS NOT NULL)
                FROM incidents WHERE id = \(history.purged)
                """
            )
            #expect(incident == ["|{}|purged:\(history.purged.canonicalString)|t"])
        }
    }

    @Test func purgeLeavesOpenRecentAndNonStudentIncidentsUntouched() async throws {
        try await StoreTestDatabase.with { pool in
            let history = RetentionHistory()
            try await history.seed(try StoreFixture.eventStore(pool))
            let kept = [history.open, history.recent, history.teachers]
            var before: [[String]] = []
            for id in kept {
                before.append(try await RetentionQueries.lines(pool, RetentionQueries.everything(about: id)))
            }

            _ = try await Self.purge(pool, at: history.purgeAt)

            for (id, lines) in zip(kept, before) {
                #expect(try await RetentionQueries.lines(pool, RetentionQueries.everything(about: id)) == lines)
                #expect(lines.contains { $0.contains(RetentionHistory.summary) })
            }
        }
    }

    /// Decree 356/2025 classes social-network monitoring as sensitive data whoever is involved:
    /// with `other_incident_details`, an incident involving no student is purged once its own
    /// period has passed, and one involving a student keeps the student period.
    @Test func incidentsInvolvingNoStudentArePurgedAfterTheirOwnPeriod() async throws {
        try await StoreTestDatabase.with { pool in
            let history = RetentionHistory()
            try await history.seed(try StoreFixture.eventStore(pool))
            let store = RetentionStore(pool: pool, logger: StoreTestDatabase.logger)
            let twoYears = RetentionPeriod(count: 2, unit: .years)
            func purge(at now: Date) async throws -> PurgeRun {
                try #require(
                    try await store.purge(
                        period: try Self.period(),
                        otherPeriod: twoYears,
                        now: now,
                        trigger: .cli,
                        runBy: "cli:test@localhost"
                    )
                )
            }
            func holdsItsSummary(_ id: UUID) async throws -> Bool {
                try await RetentionQueries.lines(pool, RetentionQueries.everything(about: id))
                    .contains { $0.contains(RetentionHistory.summary) }
            }

            // 400 days on: the student incident resolved a year ago is due, the teachers' is not.
            let first = try await purge(at: history.purgeAt)
            #expect(first.counts.incidents == 1)
            let otherCutoff = try #require(first.otherCutoff)
            #expect(abs(otherCutoff.timeIntervalSince(twoYears.cutoff(at: history.purgeAt))) < 0.000_001)
            #expect(try await !holdsItsSummary(history.purged))
            #expect(try await holdsItsSummary(history.teachers))

            // 800 days on: two years have passed for the teachers' incident, one for `recent`.
            let later = history.purgeAt.addingTimeInterval(400 * 86_400)
            #expect(try await purge(at: later).counts.incidents == 2)
            #expect(try await !holdsItsSummary(history.teachers))
            #expect(try await !holdsItsSummary(history.recent))
            #expect(try await holdsItsSummary(history.open), "an open incident is never purged")
        }
    }

    @Test func countsCategoriesAndObligationOutcomesAreIdenticalAfterThePurge() async throws {
        try await StoreTestDatabase.with { pool in
            let history = RetentionHistory()
            try await history.seed(try StoreFixture.eventStore(pool))
            let before = try await RetentionQueries.lines(pool, RetentionQueries.aggregates)
            #expect(before.allSatisfy { !$0.isEmpty })

            let run = try await Self.purge(pool, at: history.purgeAt)

            #expect(run.counts.incidents == 1)
            #expect(try await RetentionQueries.lines(pool, RetentionQueries.aggregates) == before)
        }
    }

    @Test func theReportForThePurgedPeriodGivesTheSameFiguresAsBeforeThePurge() async throws {
        try await StoreTestDatabase.with { pool in
            let history = RetentionHistory()
            try await history.seed(try StoreFixture.eventStore(pool))
            let scope = ReportScope(
                from: StoreFixture.t0.addingTimeInterval(-86_400),
                to: StoreFixture.t0.addingTimeInterval(2 * 86_400)
            )
            let before = try await PeriodReport.read(from: pool, scope: scope, now: history.purgeAt)
            #expect(before.totals.current == 4)
            #expect(!before.heads.isEmpty)

            #expect(try await Self.purge(pool, at: history.purgeAt).counts.incidents == 1)

            #expect(try await PeriodReport.read(from: pool, scope: scope, now: history.purgeAt) == before)
        }
    }

    @Test func everyPurgeIsRecordedWithItsCountsAndASecondRunPurgesNothing() async throws {
        try await StoreTestDatabase.with { pool in
            let history = RetentionHistory()
            try await history.seed(try StoreFixture.eventStore(pool))
            let preview = try await Self.purge(pool, at: history.purgeAt, dryRun: true)
            #expect(preview.id == nil)
            #expect(try await StoreTestDatabase.scalar(pool, "SELECT count(*) FROM purge_runs") == 0)

            let first = try await Self.purge(pool, at: history.purgeAt)
            let second = try await Self.purge(pool, at: history.purgeAt.addingTimeInterval(3_600))

            #expect(first.counts == preview.counts)
            #expect(second.counts == PurgeCounts())
            let recorded = try await RetentionQueries.lines(
                pool,
                """
                SELECT concat_ws('|', trigger, run_by, period, cutoff = \(first.cutoff), incidents, evidence, events,
                    finished_at IS NOT NULL)
                FROM purge_runs ORDER BY id
                """
            )
            let counts = first.counts
            #expect(
                recorded == [
                    "cli|cli:test@localhost|1y|t|\(counts.incidents)|\(counts.evidence)|\(counts.events)|t",
                    "cli|cli:test@localhost|1y|f|0|0|0|t",
                ]
            )
        }
    }

    @Test func aPurgedIncidentReopenedAndResolvedAgainIsPurgedAgainAfterThePeriod() async throws {
        try await StoreTestDatabase.with { pool in
            let history = RetentionHistory()
            let store = try StoreFixture.eventStore(pool)
            try await history.seed(store)
            _ = try await Self.purge(pool, at: history.purgeAt)
            let later = history.purgeAt.addingTimeInterval(86_400)
            let events = [
                StoreFixture.event(
                    .reopened(IncidentReopened(reason: "Bài đăng lại xuất hiện")),
                    incident: history.purged,
                    by: StoreFixture.monitor,
                    at: later
                ),
                StoreFixture.event(
                    .resolved(IncidentResolved(note: "Đã gỡ lần hai")),
                    incident: history.purged,
                    at: later
                ),
            ]
            _ = try await store.applyRetrying(StoreFixture.inbound(events, from: 100), now: later)

            #expect(try await Self.purge(pool, at: later.addingTimeInterval(86_400)).counts == PurgeCounts())
            let again = try await Self.purge(pool, at: later.addingTimeInterval(400 * 86_400))

            // The reopened incident's two new events, and `recent`, whose year has now passed too
            // (its report, its evidence row, and its resolution).
            #expect(again.counts == PurgeCounts(incidents: 2, evidence: 1, events: 4))
            let stored = try await RetentionQueries.lines(pool, RetentionQueries.everything(about: history.purged))
            #expect(!stored.contains { $0.contains("lần hai") || $0.contains("xuất hiện") })
        }
    }

    @Test func rejectedInputsPastThePeriodLoseTheirBodyAndKeyButKeepWhyAndWhenAndCannotBeReplayed() async throws {
        try await StoreTestDatabase.with { pool in
            let history = RetentionHistory()
            try await history.seed(try StoreFixture.eventStore(pool))
            let old = try await RetentionHistory.insertRejected(pool, receivedAt: StoreFixture.t0)
            let recent = try await RetentionHistory.insertRejected(
                pool,
                receivedAt: history.purgeAt.addingTimeInterval(-86_400)
            )

            let preview = try await Self.purge(pool, at: history.purgeAt, dryRun: true)
            let run = try await Self.purge(pool, at: history.purgeAt)
            let again = try await Self.purge(pool, at: history.purgeAt.addingTimeInterval(3_600))

            #expect(preview.counts.rejectedEvents == 1 && run.counts.rejectedEvents == 1)
            #expect(again.counts.rejectedEvents == 0)
            let rows = try await RetentionQueries.lines(
                pool,
                """
                SELECT concat_ws('|', id, octet_length(raw), key IS NULL, stage, reason, received_at IS NOT NULL,
                    purged_at IS NOT NULL)
                FROM rejected_events ORDER BY id
                """
            )
            let body = Data(#"{"type": "incident.reported", "data": {"summary": "\#(RetentionHistory.summary)"}}"#.utf8)
            #expect(
                rows == [
                    "\(old)|0|t|decode|schema_version is missing|t|t",
                    "\(recent)|\(body.count)|f|decode|schema_version is missing|t|f",
                ]
            )
            #expect(
                try await StoreTestDatabase.scalar(pool, "SELECT sum(rejected_events) FROM purge_runs") == 1
            )

            let store = DeadLetterStore(pool: pool)
            let purged = try #require(try await store.rejectedEvent(id: old))
            #expect(purged.raw.isEmpty && purged.key == nil && purged.purgedAt != nil)
            #expect(try await store.rejectedEvents(limit: 10, includePurged: false).map(\.id) == [recent])
            #expect(try await store.rejectedEvents(limit: 10).map(\.id) == [old, recent])
            #expect(throws: RejectionPurged.self) { try DeadLetterReplayer.checkReplayable(purged, value: nil) }
            // A corrected body is the operator's own event, not the purged one.
            try DeadLetterReplayer.checkReplayable(purged, value: Array(body))
        }
    }
}
