import Foundation
import WatchpostCore
import WatchpostStore

extension PeriodReport {
    /// The deadlines missed in the period (issue 29), by deadline: each with its incident (the
    /// first eight characters of its id, as the alerts' "Mã sự việc" begins; never a name), the
    /// school, the obligation, who owed it, the deadline on its clock (`DeadlineText`) and
    /// whether it was met late or is still missed; a note says how many more there are.
    func missedDeadlineTable(_ w: ReportWords) -> ReportTable {
        var table = ReportTable(
            id: .missed,
            title: w.text(
                "Nhiệm vụ quá hạn hoặc hoàn thành trễ hạn trong kỳ",
                "deadlines missed or met late in the period"
            ),
            headers: [w.text("Sự việc", "incident")]
                + w.withID(w.text("Mã trường", "school id"), [w.text("Trường", "school")])
                + [
                    w.text("Nhiệm vụ", "obligation"), w.text("Người chịu trách nhiệm", "owner"),
                    w.text("Thời hạn", "deadline"), w.text("Kết quả", "outcome"),
                ],
            rows: missedDeadlines.map { item in
                [Self.shortID(item.incidentID)] + w.withID(item.schoolID, [item.schoolName])
                    + [
                        w.text(item.kind.label(.vi), item.kind.label(.en)), Self.owner(item, w),
                        DeadlineText.format(item.dueAt, clock: item.clock, locale: w.timeLocale),
                        Self.outcome(item, w),
                    ]
            },
            note: missedDeadlinesNotListed > 0
                ? w.text(
                    "Còn \(missedDeadlinesNotListed) nhiệm vụ khác không liệt kê: bảng chỉ liệt kê "
                        + "\(missedDeadlines.count) nhiệm vụ có thời hạn sớm nhất.",
                    "\(missedDeadlinesNotListed) more not listed: the table lists the \(missedDeadlines.count) "
                        + "earliest deadlines."
                )
                : nil
        )
        // The incident's short id and the deadline start with digits but are words.
        table.textColumns = [0, table.headers.count - 2]
        return table
    }

    /// An incident's short id: the first eight characters of its id.
    static func shortID(_ id: UUID) -> String { String(id.canonicalString.prefix(8)) }

    /// "Hiệu trưởng: Lê Thị Thu Hà", or, for a delegate, "Hiệu trưởng: Phan Văn B, người được
    /// giao thay đồng chí Châu Tấn Hiếu vắng mặt".
    private static func owner(_ item: MissedDeadline, _ w: ReportWords) -> String {
        let relation = w.text(item.ownerRelation.label(.vi), item.ownerRelation.label(.en))
        guard let officer = item.ownerOfficerID else { return "\(relation): " + w.text("không có ai", "nobody") }
        let name = item.ownerName ?? officer
        guard let absent = item.delegatedFrom else { return "\(relation): \(name)" }
        let absentName = item.delegatedFromName ?? absent
        return "\(relation): \(name), "
            + w.text(
                "người được giao thay đồng chí \(absentName) vắng mặt",
                "the delegate standing in for \(absentName), who was away"
            )
    }

    /// "Hoàn thành trễ hạn lúc 10 giờ 15 ngày 09/12/2026", or "Quá hạn, đến hết kỳ chưa hoàn thành".
    private static func outcome(_ item: MissedDeadline, _ w: ReportWords) -> String {
        guard let metAt = item.metLateAt else {
            return w.text("Quá hạn, đến hết kỳ chưa hoàn thành", "missed, not met by the end of the period")
        }
        let vi = "Hoàn thành trễ hạn lúc \(LocalTime.format(metAt, locale: .vi))"
        return switch w.language {
        case .bilingual: "\(vi) (met late)"
        case .vi: vi
        case .en: "Met late, at \(LocalTime.format(metAt, locale: .en))"
        }
    }
}
