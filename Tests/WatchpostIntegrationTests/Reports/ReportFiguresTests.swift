import Foundation
import Postgres
import Testing
import WatchpostCore
import WatchpostStore

/// The period report (`watchpost report`) over `ReportHistory`: a month with known
/// acknowledgement and take-down times, deadlines met, met late and missed, and a head of school
/// replaced mid-month. Every expected figure is worked out by hand below from the seeded rows.
@Suite(.timeLimit(.minutes(5)))
struct ReportFiguresTests {
    private typealias H = ReportHistory

    /// A tally as [on time, late, missed, open, cancelled].
    private static func cells(_ tally: PeriodReport.ObligationTally) -> [Int] {
        [tally.metOnTime, tally.metLate, tally.missed, tally.open, tally.cancelled]
    }

    private static func read(_ pool: PostgresPool, unit: UnitID? = nil, authority: UnitID? = nil) async throws
        -> PeriodReport
    {
        try await PeriodReport.read(
            from: pool,
            scope: ReportScope(from: H.from, to: H.to, unitID: unit, authorityID: authority),
            now: H.to
        )
    }

    @Test func incidentsAreCountedByCategoryPlatformSeverityAndSchoolKindAgainstThePreviousMonth() async throws {
        try await StoreTestDatabase.with(prepare: false) { pool in
            try await H.seed(pool)
            let report = try await Self.read(pool)
            // November: I0–I4; October: I5, I6.
            #expect(report.totals.current == 5 && report.totals.previous == 2)
            let counts = Dictionary(
                uniqueKeysWithValues: report.incidentCounts.map {
                    ("\($0.dimension.rawValue)/\($0.value)", [$0.current, $0.previous])
                }
            )
            #expect(
                counts == [
                    "category/false_information": [1, 1], "category/school_violence": [1, 1], "category/other": [2, 0],
                    "category/sensitive_content": [1, 0],
                    "platform/facebook": [3, 1], "platform/tiktok": [1, 1], "platform/zalo": [1, 0],
                    "severity/high": [1, 1], "severity/critical": [1, 1], "severity/medium": [2, 0],
                    "severity/low": [1, 0],
                    "school_kind/lower_secondary": [4, 1], "school_kind/primary": [1, 1],
                ]
            )
        }
    }

    @Test func responseTimesAreMedianAndP90PerSchoolOfIncidentsOpenedInThePeriod() async throws {
        try await StoreTestDatabase.with(prepare: false) { pool in
            try await H.seed(pool)
            let schools = Dictionary(uniqueKeysWithValues: try await Self.read(pool).schools.map { ($0.schoolID, $0) })
            #expect(Set(schools.keys) == [H.school, H.otherSchool])
            let binhSon = try #require(schools[H.school])
            #expect(binhSon.name == "Trường THCS Bình Sơn" && binhSon.kind == "lower_secondary")
            #expect(binhSon.incidents == 4)
            // Acknowledged after 30 min, 180 min and 10 min (I3 never): sorted 600, 1800, 10800 s.
            // Median: the middle one, 1800. p90: position 0.9 × (3 − 1) = 1.8, so
            // 1800 + 0.8 × (10800 − 1800) = 9000.
            #expect(binhSon.acknowledge.count == 3)
            #expect(binhSon.acknowledge.medianSeconds == 1_800)
            #expect(abs((binhSon.acknowledge.p90Seconds ?? 0) - 9_000) < 1e-6)
            // Only I0 was taken down, 120 min after opening; October's incident is not counted.
            #expect(binhSon.takeDown.count == 1)
            #expect(binhSon.takeDown.medianSeconds == 7_200 && binhSon.takeDown.p90Seconds == 7_200)

            let binhLong = try #require(schools[H.otherSchool])
            #expect(binhLong.incidents == 1)
            #expect(binhLong.acknowledge.count == 1 && binhLong.acknowledge.medianSeconds == 3_600)
            #expect(binhLong.takeDown.count == 1 && binhLong.takeDown.p90Seconds == 14_400)
        }
    }

    @Test func obligationsAreJudgedAtThePeriodsEndPerSchoolWithEscalationsAndPoliceReferrals() async throws {
        try await StoreTestDatabase.with(prepare: false) { pool in
            try await H.seed(pool)
            let schools = Dictionary(uniqueKeysWithValues: try await Self.read(pool).schools.map { ($0.schoolID, $0) })
            let binhSon = try #require(schools[H.school])
            // On time: I0 ack and take-down, I2 ack and police. Late: I1 ack, I2 report.
            // Missed: I1 police (escalated), I3 desk receipt. Open: I3 ack (due 2 Dec).
            // October's obligation is not counted.
            #expect(Self.cells(binhSon.obligations) == [4, 2, 2, 1, 0])
            // I1's escalation in November (October's is not counted); I2 notified the police and
            // met its notify_police obligation: one incident referred.
            #expect(binhSon.escalations == 1)
            #expect(binhSon.policeReferrals == 1)
            let binhLong = try #require(schools[H.otherSchool])
            // Met exactly at the deadline counts as on time; the withdrawn one as cancelled.
            #expect(Self.cells(binhLong.obligations) == [1, 0, 0, 0, 1])
            #expect(binhLong.escalations == 0 && binhLong.policeReferrals == 0)
        }
    }

    @Test func eachHeadAnswersForTheDeadlinesOfTheirOwnTimeAfterTheHeadIsReplacedMidPeriod() async throws {
        try await StoreTestDatabase.with(prepare: false) { pool in
            try await H.seed(pool)
            let heads = try await Self.read(pool).heads
            struct Row: Hashable {
                var school: UnitID
                var officer: OfficerID?
                var name: String?
                var cells: [Int]
            }
            let rows = Set(
                heads.map {
                    Row(
                        school: $0.schoolID,
                        officer: $0.officerID,
                        name: $0.officerName,
                        cells: Self.cells($0.obligations)
                    )
                }
            )
            #expect(
                rows == [
                    // Before 15 Nov: I0's two in time, I1's ack late, and I1's police deadline
                    // missed, though that open row now names the new head.
                    Row(school: H.school, officer: H.oldHead, name: H.oldHeadName, cells: [2, 1, 1, 0, 0]),
                    // After: I2's two in time and its report late, I3's ack still open at the end.
                    // The authority desk's missed receipt is not the school's.
                    Row(school: H.school, officer: H.newHead, name: H.newHeadName, cells: [2, 1, 0, 1, 0]),
                    // Bình Long's head, not the old Bình Sơn head who moved there as a deputy.
                    Row(school: H.otherSchool, officer: H.otherHead, name: "Ngô Công Vinh", cells: [1, 0, 0, 0, 1]),
                ]
            )
            #expect(heads.allSatisfy { $0.schoolName.hasPrefix("Trường ") })
        }
    }

    @Test func deliveriesNameTheOfficersAlertsDidNotReachByTheirReceiptsAndThoseNobodyReached() async throws {
        try await StoreTestDatabase.with(prepare: false) { pool in
            try await H.seed(pool)
            let failures = try await Self.read(pool).deliveryFailures
            let rows = failures.map {
                "\($0.officerID) dead=\($0.dead) delivered=\($0.delivered) confirmed=\($0.confirmed) "
                    + "undelivered=\($0.undelivered) unconfirmed=\($0.unconfirmed) unreachable=\($0.unreachable)"
            }
            #expect(
                rows == [
                    // A dead call beside an answered one: reached.
                    "\(H.police) dead=1 delivered=1 confirmed=1 undelivered=0 unconfirmed=0 unreachable=false",
                    // An SMS with no receipt yet, and nothing else: listed, not called unreachable.
                    "\(H.otherMonitor) dead=0 delivered=1 confirmed=0 undelivered=0 unconfirmed=1 unreachable=false",
                    // The failed SMS beside the Zalo message that reached them.
                    "\(H.newHead) dead=0 delivered=2 confirmed=1 undelivered=1 unconfirmed=0 unreachable=false",
                    // The SMS the network gave up on after a retry, and one unconfirmed: nobody reached them.
                    "\(H.otherHead) dead=0 delivered=2 confirmed=0 undelivered=1 unconfirmed=1 unreachable=true",
                    // The e-mail the server accepted is the last word e-mail gives.
                    "\(H.oldHead) dead=1 delivered=1 confirmed=0 undelivered=0 unconfirmed=0 unreachable=false",
                    "\(H.deputy) dead=1 delivered=0 confirmed=0 undelivered=0 unconfirmed=0 unreachable=true",
                ]
            )
            // The other school's deputy, whose Zalo message reached them, is not listed.
            #expect(!failures.contains { $0.officerID == H.otherDeputy })
        }
    }

    @Test func schoolsThatReportedNothingAreListedWithinTheScope() async throws {
        try await StoreTestDatabase.with(prepare: false) { pool in
            try await H.seed(pool)
            let directory = try StoreFixture.directory()
            let everyone = Set(try await Self.read(pool).silentSchools.map(\.schoolID))
            #expect(everyone == Set(directory.schools.map(\.id)).subtracting([H.school, H.otherSchool]))

            // The authority's schools, two of which reported; its figures are the same.
            let authority = try await Self.read(pool, authority: H.authority)
            let supervised = Set(directory.schools.filter { $0.parent == H.authority }.map(\.id))
            #expect(supervised.count == 6)
            #expect(Set(authority.silentSchools.map(\.schoolID)) == supervised.subtracting([H.school, H.otherSchool]))
            #expect(Set(authority.schools.map(\.schoolID)) == [H.school, H.otherSchool])

            let one = try await Self.read(pool, unit: H.otherSchool)
            #expect(one.silentSchools.isEmpty)
            #expect(one.schools.map(\.schoolID) == [H.otherSchool])
            #expect(one.totals.current == 1 && one.totals.previous == 1)
            #expect(one.heads.map(\.officerID) == [H.otherHead])
        }
    }

    @Test func theCommandWritesCSVWithAByteOrderMarkAndOneHeaderRow() async throws {
        try await StoreTestDatabase.with(prepare: false) { pool in
            try await H.seed(pool)
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID().uuidString).csv")
            defer { try? FileManager.default.removeItem(at: file) }
            let run = try await PublishHarness.run([
                "report", "--from", "2026-11-01", "--to", "2026-12-01", "--format", "csv", "--table", "heads",
                "--output", file.path, "--database-url", pool.configuration.conninfo,
            ])
            #expect(run.status == 0, "stderr: \(run.stderr)")
            let bytes = [UInt8](try Data(contentsOf: file))
            #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
            let lines = String(decoding: bytes.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n")
            #expect(lines.count == 5 && lines.last == "", "\(lines)")
            #expect(
                lines[0].hasPrefix("Mã trường (school id),Trường (school),Mã cán bộ (officer id),Hiệu trưởng lúc đó")
            )
            #expect(lines.contains("\(H.school),Trường THCS Bình Sơn,\(H.newHead),\(H.newHeadName),2,1,0,1,0"))

            let markdown = try await PublishHarness.run([
                "report", "--from", "2026-11-01", "--to", "2026-12-01", "--database-url", pool.configuration.conninfo,
            ])
            #expect(markdown.status == 0, "stderr: \(markdown.stderr)")
            #expect(markdown.stdout.hasPrefix("# Báo cáo tình hình xử lý sự việc trên mạng xã hội"))
            #expect(markdown.stdout.contains("00 giờ 00 ngày 01/11/2026"))
            #expect(
                markdown.stdout.contains(
                    "| \(H.school) | Trường THCS Bình Sơn | THCS (lower secondary) | 4 | 3 | 30m |"
                )
            )

            let html = try await PublishHarness.run([
                "report", "--from", "2026-11-01", "--to", "2026-12-01", "--authority", H.authority, "--format", "html",
                "--number", "12", "--database-url", pool.configuration.conninfo,
                "--config-dir", PipelinePaths.config.path,
            ])
            #expect(html.status == 0, "stderr: \(html.stderr)")
            #expect(html.stdout.hasPrefix("<!DOCTYPE html>"))
            #expect(
                html.stdout.contains("PHÒNG VĂN HÓA - XÃ HỘI") && html.stdout.contains("Số: 12/BC-VHXH")
                    && !html.stdout.contains("DỰ THẢO")
            )
            #expect(html.stdout.contains("Trường THCS Bình Sơn"))
        }
    }
}
