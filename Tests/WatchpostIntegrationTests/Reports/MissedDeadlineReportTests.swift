import Foundation
import Postgres
import Testing
import WatchpostCore
import WatchpostStore

/// The period report's list of deadlines missed in the period (issue 29), over obligations
/// written straight into the table with every time chosen: the week of Monday 7 December 2026.
@Suite(.timeLimit(.minutes(5)))
struct MissedDeadlineReportTests {
    static let from = CivilDay(year: 2026, month: 12, day: 7).at(hour: 0)
    static let to = CivilDay(year: 2026, month: 12, day: 14).at(hour: 0)
    static let head: OfficerID = "ht-thcs-binh-son"
    static let deputy: OfficerID = "pht-thcs-binh-son"

    /// One obligation of the incident: its deadline, clock and outcome.
    struct Row {
        var id = UUID()
        var kind: ObligationKind = .acknowledge
        var owner: OfficerID? = MissedDeadlineReportTests.head
        var delegatedFrom: OfficerID?
        var dueAt: Date
        var clock: DeadlineClock = .calendar
        var status = "open"
        var closedAt: Date?
    }

    /// Writes an incident of THCS Bình Sơn opened on Friday 4 December, before the period, and
    /// `rows` as its obligations.
    private static func seed(_ pool: PostgresPool, _ rows: [Row]) async throws {
        let incident = UUID()
        let opened = CivilDay(year: 2026, month: 12, day: 4).at(hour: 15)
        try await pool.withConnection { connection in
            try await connection.query(
                """
                INSERT INTO incidents (id, unit_id, authority_id, commune_id, status, category, severity, platform,
                    subjects, urls, summary, dedup_key, reported_at, opened_at, acknowledged_by,
                    escalation_level, reopen_count, created_at, updated_at)
                VALUES (\(incident), 'thcs-binh-son', 'vhxh-xa-binh-son', 'xa-binh-son', 'reported',
                    'school_violence', 'high', 'facebook', '{student}', '{}', 'Bài đăng cần xử lý',
                    \(incident.uuidString), \(opened), \(opened), '{}'::text[], 0, 0, \(opened), \(opened))
                """
            )
            for (ordinal, row) in rows.enumerated() {
                try await connection.query(
                    """
                    INSERT INTO obligations (id, incident_id, ordinal, kind, owner_relation, owner_officer_id,
                        opened_by_event_id, opened_at, due_at, reminders_at, reason_vi, reason_en, legal_basis,
                        reason_id, chain, level, status, closed_at, clock, delegated_from)
                    VALUES (\(row.id), \(incident), \(ordinal), \(row.kind.rawValue), 'school_head', \(row.owner),
                        \(UUID()), \(opened), \(row.dueAt), '{}', 'lý do', 'reason', 'Công văn 1790', 'r', 'school', 0,
                        \(row.status), \(row.closedAt), \(row.clock.rawValue), \(row.delegatedFrom))
                    """
                )
            }
        }
    }

    private static func read(_ pool: PostgresPool) async throws -> PeriodReport {
        try await PeriodReport.read(from: pool, scope: ReportScope(from: from, to: to), now: to)
    }

    @Test func deadlinesOfThePeriodMetLateOrStillMissedAreListedWithTheirClockAndDelegate() async throws {
        let day = { (day: Int, hour: Int, minute: Int) in
            CivilDay(year: 2026, month: 12, day: day).at(hour: hour, minute: minute)
        }
        // Missed, on the working clock: due Tuesday 8 December 09:30, never met.
        let working = Row(dueAt: day(8, 9, 30), clock: .working)
        // Met on time: not listed.
        let onTime = Row(kind: .takeDown, dueAt: day(9, 12, 0), status: "met", closedAt: day(9, 11, 0))
        // Owed by the deputy for the absent head, met two hours late within the period.
        let delegated = Row(
            kind: .notifyPolice,
            owner: Self.deputy,
            delegatedFrom: Self.head,
            dueAt: day(10, 8, 0),
            status: "met",
            closedAt: day(10, 10, 0)
        )
        // Met after the period's end: still missed at its end.
        let metAfter = Row(kind: .publishCorrection, dueAt: day(11, 16, 0), status: "met", closedAt: day(15, 9, 0))
        // Deadlines outside the period, missed or not: not listed.
        let before = Row(kind: .reportToAuthority, dueAt: day(6, 9, 0))
        let after = Row(kind: .reportToAuthority, dueAt: day(14, 9, 0))
        // Withdrawn after its deadline had passed: missed, as the tally counts it.
        let cancelledLate = Row(
            kind: .reportToAuthority,
            dueAt: day(12, 9, 0),
            status: "cancelled",
            closedAt: day(12, 10, 0)
        )
        try await StoreTestDatabase.with { pool in
            try await Self.seed(pool, [working, onTime, delegated, metAfter, before, after, cancelledLate])
            let report = try await Self.read(pool)
            let listed = report.missedDeadlines
            #expect(listed.map(\.obligationID) == [working.id, delegated.id, metAfter.id, cancelledLate.id])
            #expect(report.missedDeadlinesNotListed == 0)

            let first = try #require(listed.first)
            #expect(first.clock == .working && first.kind == .acknowledge && first.metLateAt == nil)
            #expect(first.dueAt == working.dueAt && first.schoolID == "thcs-binh-son")
            #expect(first.schoolName == "Trường THCS Bình Sơn")
            #expect(first.ownerRelation == .schoolHead && first.ownerOfficerID == Self.head)
            #expect(first.ownerName == "Châu Tấn Hiếu" && first.delegatedFrom == nil)

            let second = listed[1]
            #expect(second.clock == .calendar && second.metLateAt == delegated.closedAt)
            #expect(second.ownerOfficerID == Self.deputy && second.ownerName == "Võ Thị Hồng Diễm")
            #expect(second.delegatedFrom == Self.head && second.delegatedFromName == "Châu Tấn Hiếu")

            #expect(listed[2].metLateAt == nil, "met only after the period's end")
            #expect(listed[3].metLateAt == nil)
        }
    }

    @Test func theListStopsAtItsLimitByDeadlineThenIdAndCountsTheRest() async throws {
        let due = CivilDay(year: 2026, month: 12, day: 8).at(hour: 9)
        let extra = 3
        // All but one due at the same moment, so the id decides their order; one earlier comes first.
        let early = Row(dueAt: due.addingTimeInterval(-60))
        let rows = [early] + (0..<(PeriodReport.missedDeadlineLimit - 1 + extra)).map { _ in Row(dueAt: due) }
        try await StoreTestDatabase.with { pool in
            try await Self.seed(pool, rows)
            let report = try await Self.read(pool)
            #expect(report.missedDeadlines.count == PeriodReport.missedDeadlineLimit)
            #expect(report.missedDeadlinesNotListed == extra)
            let sameTime = rows.dropFirst().map(\.id).sorted { $0.canonicalString < $1.canonicalString }
            let expected = [early.id] + sameTime.prefix(PeriodReport.missedDeadlineLimit - 1)
            #expect(report.missedDeadlines.map(\.obligationID) == expected)
        }
    }
}
