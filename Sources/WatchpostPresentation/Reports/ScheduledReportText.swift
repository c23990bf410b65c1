import Foundation
import WatchpostCore
import WatchpostNotify
import WatchpostStore

/// The subject and summary of a scheduled report, in Vietnamese and English: what the recipient
/// reads first, on every channel, before the report itself.
public struct ScheduledReportText: Sendable {
    let report: PeriodReport
    let key: ReportRunKey
    let directory: Directory

    /// The text of `report`, the run `key`, issued by the authority `directory` names.
    public init(report: PeriodReport, key: ReportRunKey, directory: Directory) {
        self.report = report
        self.key = key
        self.directory = directory
    }

    /// The content to store once the run's reference ("12/2026") is known.
    public func content(reference: String, html: String, figures: Data) -> ReportRunContent {
        let issuer = directory.unit(key.authorityID)
        let nameVi = issuer?.name ?? key.authorityID
        let nameEn = issuer?.nameEN ?? nameVi
        let periodVi = key.cadence.periodName(from: key.from, to: key.to)
        let periodEn = key.cadence.periodNameEnglish(from: key.from, to: key.to)
        let totals = report.totals
        let tally = report.schools.reduce(into: PeriodReport.ObligationTally()) { sum, school in
            sum.metOnTime += school.obligations.metOnTime
            sum.metLate += school.obligations.metLate
            sum.missed += school.obligations.missed
            sum.open += school.obligations.open
        }
        let silent = report.silentSchools.count
        let summaryVi =
            "Báo cáo \(periodVi) của \(nameVi) (dự thảo, mã \(reference)): \(totals.current) sự việc (kỳ trước \(totals.previous)); "
            + "\(tally.metOnTime) nhiệm vụ đúng hạn, \(tally.metLate) trễ hạn, \(tally.missed) quá hạn chưa làm, "
            + "\(tally.open) đang mở; \(silent) trường không báo cáo sự việc nào."
        let summaryEn =
            "Report for \(periodEn) from \(nameEn) (draft, ref. \(reference)): \(totals.current) incidents "
            + "(previous period \(totals.previous)); obligations \(tally.metOnTime) met on time, \(tally.metLate) late, "
            + "\(tally.missed) missed, \(tally.open) open; \(silent) schools reported nothing."
        return ReportRunContent(
            subjectVi: "[Watchpost] Báo cáo \(periodVi) – \(nameVi) (dự thảo, mã \(reference))",
            subjectEn: "[Watchpost] Report for \(periodEn) – \(nameEn) (draft, ref. \(reference))",
            summaryVi: summaryVi,
            summaryEn: summaryEn,
            markdown: report.markdown,
            html: html,
            figures: figures
        )
    }
}
