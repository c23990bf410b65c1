import Foundation
import Testing
import WatchpostCore
import WatchpostPresentation

@testable import WatchpostStore

/// The period report's table of deadlines missed in the period (issue 29), rendered from a report
/// made by hand: no database.
@Suite
struct ReportMissedDeadlineTableTests {
    static let incident = UUID(uuidString: "3f2a9c1e-0000-4000-8000-000000000001")!

    /// A deadline of THCS Bình Sơn's head on `clock`, due Tuesday 8 December 2026 at 09:30.
    static func deadline(
        _ clock: DeadlineClock,
        kind: ObligationKind = .acknowledge,
        metLateAt: Date? = nil,
        delegatedFrom: OfficerID? = nil
    ) -> PeriodReport.MissedDeadline {
        PeriodReport.MissedDeadline(
            obligationID: UUID(),
            incidentID: incident,
            schoolID: "thcs-binh-son",
            schoolName: "Trường THCS Bình Sơn",
            kind: kind,
            ownerRelation: .schoolHead,
            ownerOfficerID: delegatedFrom == nil ? "ht-thcs-binh-son" : "pht-thcs-binh-son",
            ownerName: delegatedFrom == nil ? "Châu Tấn Hiếu" : "Võ Thị Hồng Diễm",
            delegatedFrom: delegatedFrom,
            delegatedFromName: delegatedFrom.map { _ in "Châu Tấn Hiếu" },
            dueAt: CivilDay(year: 2026, month: 12, day: 8).at(hour: 9, minute: 30),
            clock: clock,
            metLateAt: metLateAt
        )
    }

    static func report(_ deadlines: [PeriodReport.MissedDeadline], notListed: Int = 0) -> PeriodReport {
        var report = ReportDocumentTests.report(scope: ReportDocumentTests.november)
        report.missedDeadlines = deadlines
        report.missedDeadlinesNotListed = notListed
        return report
    }

    static func table(_ report: PeriodReport, _ language: ReportLanguage = .bilingual, ids: Bool = true) throws
        -> ReportTable
    {
        try #require(report.tables(durations: .text, language: language, ids: ids).first { $0.id == .missed })
    }

    @Test func aWorkingClockDeadlineSaysSoAndACalendarOneDoesNot() throws {
        let report = Self.report([Self.deadline(.working), Self.deadline(.calendar, kind: .takeDown)])
        let table = try Self.table(report)
        let due = try #require(table.headers.firstIndex(of: "Thời hạn (deadline)"))
        #expect(table.rows[0][due] == "09 giờ 30 thứ Ba 08/12/2026 (tính theo giờ làm việc)")
        #expect(table.rows[1][due] == "09 giờ 30 ngày 08/12/2026")
        #expect(!table.rows[1].joined().contains("giờ làm việc"))
        // The incident by its short id, never a name; the obligation in the alerts' words.
        #expect(table.rows[0][0] == "3f2a9c1e")
        #expect(table.rows[0].contains("Xác nhận đã nhận thông tin (Acknowledge receipt)"))
        #expect(table.rows[1].contains("Gỡ bỏ nội dung (Have the content taken down)"))
        let english = try Self.table(report, .en, ids: false)
        #expect(english.rows[0].contains("Tuesday 8 Dec 2026, 09:30 (UTC+7) (counted in working hours)"))
        #expect(report.markdown.contains("| 09 giờ 30 thứ Ba 08/12/2026 (tính theo giờ làm việc) |"))
    }

    @Test func aDelegatesDeadlineNamesTheAbsentOfficerAndAMetLateOneWhenItWasMet() throws {
        let met = CivilDay(year: 2026, month: 12, day: 8).at(hour: 11, minute: 15)
        let report = Self.report([Self.deadline(.calendar, metLateAt: met, delegatedFrom: "ht-thcs-binh-son")])
        let row = try #require(try Self.table(report, .vi, ids: false).rows.first)
        #expect(
            row == [
                "3f2a9c1e", "Trường THCS Bình Sơn", "Xác nhận đã nhận thông tin",
                "Hiệu trưởng: Võ Thị Hồng Diễm, người được giao thay đồng chí Châu Tấn Hiếu vắng mặt",
                "09 giờ 30 ngày 08/12/2026", "Hoàn thành trễ hạn lúc 11 giờ 15 ngày 08/12/2026",
            ]
        )
        let missed = try #require(try Self.table(Self.report([Self.deadline(.calendar)]), .vi, ids: false).rows.first)
        #expect(missed.last == "Quá hạn, đến hết kỳ chưa hoàn thành")
        #expect(missed[3] == "Hiệu trưởng: Châu Tấn Hiếu")
    }

    @Test func theReportSaysHowManyMoreItLeavesOutInEveryFormat() throws {
        let report = Self.report([Self.deadline(.working)], notListed: 7)
        let note = try #require(try Self.table(report).note)
        #expect(note.hasPrefix("Còn 7 nhiệm vụ khác không liệt kê"))
        #expect(report.markdown.contains(note))
        let html = try ReportDocument(
            report: report,
            directory: ReportDocumentTests.directory,
            date: ReportDocumentTests.november.to
        ).html
        #expect(html.contains("<p class=\"note\">Còn 7 nhiệm vụ khác không liệt kê"))
        #expect(html.contains("(tính theo giờ làm việc)"))
        let csv = String(decoding: report.csv(table: .missed).dropFirst(3), as: UTF8.self)
        #expect(csv.contains("(tính theo giờ làm việc)") && csv.split(separator: "\r\n").count == 2)
        // Nothing beyond the list: no note.
        #expect(try Self.table(Self.report([Self.deadline(.working)])).note == nil)
    }

    @Test func figuresStoredBeforeTheListDecodeWithAnEmptyOne() throws {
        let report = Self.report([Self.deadline(.working)], notListed: 2)
        var object = try #require(JSONSerialization.jsonObject(with: try report.json()) as? [String: Any])
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        #expect(try decoder.decode(PeriodReport.self, from: try report.json()) == report)
        object["missedDeadlines"] = nil
        object["missedDeadlinesNotListed"] = nil
        let old = try decoder.decode(PeriodReport.self, from: try JSONSerialization.data(withJSONObject: object))
        #expect(old.missedDeadlines.isEmpty && old.missedDeadlinesNotListed == 0)
        #expect(old.schools == report.schools)
    }
}
