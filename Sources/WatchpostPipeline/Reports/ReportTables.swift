import Foundation
import WatchpostCore
import WatchpostNotify
import WatchpostStore

/// A `PeriodReport` as titled tables of text, Vietnamese first and English in parentheses: the
/// one layout the Markdown and CSV renderers share, for `watchpost report`, scheduled reports and
/// the web overview (an HTML renderer can take the same tables, or the `PeriodReport` itself for
/// charts).
public struct ReportTable: Sendable {
    /// Which table, as chosen with `--table` for CSV.
    public enum ID: String, CaseIterable, Sendable {
        case incidents, schools, heads, deliveries, silent
    }

    public var id: ID
    /// The heading, Vietnamese (English).
    public var title: String
    public var headers: [String]
    public var rows: [[String]]
}

/// How a number of seconds is shown in a table.
public enum DurationStyle: Sendable {
    /// `2h5m`, for reading.
    case text
    /// Minutes with one decimal (`125.0`), for a spreadsheet.
    case minutes
}

extension PeriodReport {
    /// The report's tables, in reading order.
    public func tables(durations style: DurationStyle) -> [ReportTable] {
        [incidentTable(), schoolTable(style), headTable(), deliveryTable(), silentTable()]
    }

    private func incidentTable() -> ReportTable {
        let totals = totals
        var rows = [
            [
                "Tổng số (total)", "", "\(totals.current)", "\(totals.previous)",
                Self.change(totals.current, totals.previous),
            ]
        ]
        for count in incidentCounts {
            rows.append([
                Self.label(count.dimension), Self.label(count.dimension, count.value),
                "\(count.current)", "\(count.previous)", Self.change(count.current, count.previous),
            ])
        }
        return ReportTable(
            id: .incidents,
            title:
                "Sự việc theo loại, nền tảng, mức độ và cấp học (incidents by category, platform, severity and school kind)",
            headers: [
                "Tiêu chí (dimension)", "Giá trị (value)", "Kỳ này (this period)", "Kỳ trước (previous period)",
                "Thay đổi (change)",
            ],
            rows: rows
        )
    }

    private func schoolTable(_ style: DurationStyle) -> ReportTable {
        let unit = style == .minutes ? " (phút / minutes)" : ""
        return ReportTable(
            id: .schools,
            title: "Theo trường (by school)",
            headers: [
                "Mã trường (school id)", "Trường (school)", "Cấp học (kind)", "Số sự việc (incidents)",
                "Đã tiếp nhận (acknowledged)", "Tiếp nhận, trung vị (acknowledge, median)\(unit)",
                "Tiếp nhận, p90 (acknowledge, p90)\(unit)", "Đã gỡ bỏ (taken down)",
                "Gỡ bỏ, trung vị (take down, median)\(unit)", "Gỡ bỏ, p90 (take down, p90)\(unit)",
            ] + Self.tallyHeaders + ["Chuyển cấp trên xử lý (escalations)", "Chuyển công an (police referrals)"],
            rows: schools.map { school in
                [
                    school.schoolID, school.name, Self.kindLabel(school.kind), "\(school.incidents)",
                    "\(school.acknowledge.count)", Self.duration(school.acknowledge.medianSeconds, style),
                    Self.duration(school.acknowledge.p90Seconds, style), "\(school.takeDown.count)",
                    Self.duration(school.takeDown.medianSeconds, style),
                    Self.duration(school.takeDown.p90Seconds, style),
                ] + Self.tallyCells(school.obligations) + ["\(school.escalations)", "\(school.policeReferrals)"]
            }
        )
    }

    private func headTable() -> ReportTable {
        ReportTable(
            id: .heads,
            title: "Theo người đứng đầu đơn vị (by head of unit)",
            headers: [
                "Mã trường (school id)", "Trường (school)", "Mã cán bộ (officer id)",
                "Hiệu trưởng lúc đó (head at the time)",
            ]
                + Self.tallyHeaders,
            rows: heads.map { head in
                [head.schoolID, head.schoolName, head.officerID ?? "—", head.officerName ?? "Không có ai (nobody)"]
                    + Self.tallyCells(head.obligations)
            }
        )
    }

    private func deliveryTable() -> ReportTable {
        ReportTable(
            id: .deliveries,
            title: "Lượt gửi thất bại và cán bộ không liên lạc được (dead deliveries and officers nobody could reach)",
            headers: [
                "Mã cán bộ (officer id)", "Cán bộ (officer)", "Gửi thất bại (dead)", "Đã gửi được (delivered)",
                "Không liên lạc được (unreachable)",
            ],
            rows: deliveryFailures.map { item in
                [
                    item.officerID, item.officerName ?? "—", "\(item.dead)", "\(item.delivered)",
                    item.unreachable ? "Có (yes)" : "Không (no)",
                ]
            }
        )
    }

    private func silentTable() -> ReportTable {
        ReportTable(
            id: .silent,
            title: "Trường không báo cáo sự việc nào trong kỳ (schools that reported nothing)",
            headers: ["Mã trường (school id)", "Trường (school)", "Cấp học (kind)"],
            rows: silentSchools.map { [$0.schoolID, $0.name, Self.kindLabel($0.kind)] }
        )
    }

    private static let tallyHeaders = [
        "Đúng hạn (met on time)", "Trễ hạn (met late)", "Quá hạn chưa làm (missed)", "Đang mở (still open)",
        "Đã hủy (cancelled)",
    ]

    private static func tallyCells(_ tally: ObligationTally) -> [String] {
        ["\(tally.metOnTime)", "\(tally.metLate)", "\(tally.missed)", "\(tally.open)", "\(tally.cancelled)"]
    }

    private static func change(_ current: Int, _ previous: Int) -> String {
        let delta = current - previous
        guard previous > 0 else { return delta == 0 ? "0" : "+\(delta)" }
        let percent = (Double(delta) / Double(previous) * 100).rounded()
        return (delta > 0 ? "+" : "") + "\(delta) (\(delta > 0 ? "+" : "")\(Int(percent))%)"
    }

    private static func duration(_ seconds: Double?, _ style: DurationStyle) -> String {
        guard let seconds else { return style == .minutes ? "" : "—" }
        switch style {
        case .minutes:
            return String(format: "%.1f", seconds / 60)
        case .text:
            return DeadlineDuration.format(.seconds(Int64(seconds.rounded())))
        }
    }

    private static func label(_ dimension: Dimension) -> String {
        switch dimension {
        case .category: "Loại (category)"
        case .platform: "Nền tảng (platform)"
        case .severity: "Mức độ (severity)"
        case .schoolKind: "Cấp học (school kind)"
        }
    }

    private static func label(_ dimension: Dimension, _ value: String) -> String {
        let (vi, en) = (TemplateStrings.vi, TemplateStrings.en)
        switch dimension {
        case .category: return IncidentCategory(rawValue: value).map { "\(vi.label($0)) (\(en.label($0)))" } ?? value
        case .platform: return Platform(rawValue: value).map { vi.label($0) } ?? value
        case .severity: return Severity(rawValue: value).map { "\(vi.label($0)) (\(en.label($0)))" } ?? value
        case .schoolKind: return kindLabel(value)
        }
    }

    /// The words for a school kind, e.g. "THCS (lower secondary)".
    public static func kindLabel(_ kind: String) -> String {
        guard let unitKind = UnitKind(rawValue: kind) else { return kind }
        return switch unitKind {
        case .preschool: "Mầm non (preschool)"
        case .primary: "Tiểu học (primary)"
        case .primaryLowerSecondary: "Tiểu học và THCS (primary and lower secondary)"
        case .lowerSecondary: "THCS (lower secondary)"
        default: kind
        }
    }
}
