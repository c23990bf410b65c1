import Foundation
import WatchpostCore
import WatchpostNotify
import WatchpostStore

/// A `PeriodReport` as titled tables of text: the one layout the Markdown, CSV, web and document
/// renderers share. Bilingual tables (Vietnamese, English in parentheses) serve `watchpost
/// report`, scheduled reports and the web overview; the administrative document takes them in
/// one language and without internal ids.
public struct ReportTable: Sendable {
    /// Which table, as chosen with `--table` for CSV.
    public enum ID: String, CaseIterable, Sendable {
        case incidents, schools, heads, deliveries, silent, missed
    }

    /// Which table.
    public var id: ID
    /// The heading, Vietnamese (English).
    public var title: String
    /// The column headings.
    public var headers: [String]
    /// The rows, one cell per heading.
    public var rows: [[String]]
    /// A sentence under the table, e.g. how many rows it leaves out.
    public var note: String?
    /// The columns that hold words even when they start with a digit (an id, a time of day),
    /// so a document never aligns them right as figures.
    public var textColumns: Set<Int> = []
}

/// The language of a table's words.
public enum ReportLanguage: Sendable {
    /// Vietnamese, then English in parentheses: "Đúng hạn (met on time)".
    case bilingual
    /// Vietnamese only, as an official document is written.
    case vi
    /// English only.
    case en

    /// `vi` and `en` as this language writes them.
    func text(_ vi: String, _ en: String) -> String {
        switch self {
        case .bilingual: "\(vi) (\(en))"
        case .vi: vi
        case .en: en
        }
    }
}

/// How a number of seconds is shown in a table.
public enum DurationStyle: Sendable {
    /// `2h5m`, for reading.
    case text
    /// Minutes with one decimal (`125.0`), for a spreadsheet.
    case minutes
}

extension PeriodReport {
    /// The report's tables, in reading order. `ids: false` leaves out the internal ids of schools
    /// and officers, which an official document does not show.
    public func tables(durations style: DurationStyle, language: ReportLanguage = .bilingual, ids: Bool = true)
        -> [ReportTable]
    {
        let words = ReportWords(language: language, ids: ids)
        return [
            incidentTable(words), schoolTable(style, words), headTable(words), deliveryTable(words),
            silentTable(words), missedDeadlineTable(words),
        ]
    }

    private func incidentTable(_ w: ReportWords) -> ReportTable {
        let totals = totals
        var rows = [
            [
                w.text("Tổng số", "total"), "", "\(totals.current)", "\(totals.previous)",
                Self.change(totals.current, totals.previous),
            ]
        ]
        for count in incidentCounts {
            rows.append([
                w.label(count.dimension), w.label(count.dimension, count.value),
                "\(count.current)", "\(count.previous)", Self.change(count.current, count.previous),
            ])
        }
        return ReportTable(
            id: .incidents,
            title: w.text(
                "Sự việc theo loại, nền tảng, mức độ và cấp học",
                "incidents by category, platform, severity and school kind"
            ),
            headers: [
                w.text("Tiêu chí", "dimension"), w.text("Giá trị", "value"), w.text("Kỳ này", "this period"),
                w.text("Kỳ trước", "previous period"), w.text("Thay đổi", "change"),
            ],
            rows: rows
        )
    }

    private func schoolTable(_ style: DurationStyle, _ w: ReportWords) -> ReportTable {
        let unit = style == .minutes ? " " + w.text("phút", "minutes") : ""
        let headers =
            [
                w.text("Trường", "school"), w.text("Cấp học", "kind"), w.text("Số sự việc", "incidents"),
                w.text("Đã xác nhận", "acknowledged"),
                w.text("Xác nhận: một nửa số sự việc trong vòng", "acknowledged: half within") + unit,
                w.text("Xác nhận: 9/10 số sự việc trong vòng", "acknowledged: nine in ten within") + unit,
                w.text("Đã gỡ bỏ", "taken down"),
                w.text("Gỡ bỏ: một nửa số sự việc trong vòng", "taken down: half within") + unit,
                w.text("Gỡ bỏ: 9/10 số sự việc trong vòng", "taken down: nine in ten within") + unit,
            ] + w.tallyHeaders
            + [
                w.text("Số lần báo cáo cấp trên", "escalations"),
                w.text("Số lần trao đổi với Công an cùng cấp", "police referrals"),
            ]
        return ReportTable(
            id: .schools,
            title: w.text("Theo trường", "by school"),
            headers: w.withID(w.text("Mã trường", "school id"), headers),
            rows: schools.map { school in
                w.withID(
                    school.schoolID,
                    [
                        school.name, w.kindLabel(school.kind), "\(school.incidents)",
                        "\(school.acknowledge.count)", Self.duration(school.acknowledge.medianSeconds, style),
                        Self.duration(school.acknowledge.p90Seconds, style), "\(school.takeDown.count)",
                        Self.duration(school.takeDown.medianSeconds, style),
                        Self.duration(school.takeDown.p90Seconds, style),
                    ] + Self.tallyCells(school.obligations) + ["\(school.escalations)", "\(school.policeReferrals)"]
                )
            }
        )
    }

    private func headTable(_ w: ReportWords) -> ReportTable {
        let idHeaders = w.ids ? [w.text("Mã trường", "school id")] : []
        let officerID = w.ids ? [w.text("Mã cán bộ", "officer id")] : []
        return ReportTable(
            id: .heads,
            title: w.text("Theo người đứng đầu đơn vị", "by head of unit"),
            headers: idHeaders + [w.text("Trường", "school")] + officerID
                + [w.text("Hiệu trưởng lúc đó", "head at the time")] + w.tallyHeaders,
            rows: heads.map { head in
                (w.ids ? [head.schoolID] : []) + [head.schoolName] + (w.ids ? [head.officerID ?? "—"] : [])
                    + [head.officerName ?? w.text("Không có ai", "nobody")] + Self.tallyCells(head.obligations)
            }
        )
    }

    private func deliveryTable(_ w: ReportWords) -> ReportTable {
        let word = { (key: String) in w.text(Labels.label("reportDeliveries", key)) }
        return ReportTable(
            id: .deliveries,
            title: word("title"),
            headers: w.withID(
                word("officerID"),
                ["officer", "dead", "undelivered", "delivered", "confirmed", "unconfirmed", "unreachable"].map(word)
            ),
            rows: deliveryFailures.map { item in
                w.withID(
                    item.officerID,
                    [
                        item.officerName ?? "—", "\(item.dead)", "\(item.undelivered)", "\(item.delivered)",
                        "\(item.confirmed)", "\(item.unconfirmed)", word(item.unreachable ? "yes" : "no"),
                    ]
                )
            },
            note: deliveryFailures.isEmpty ? nil : word("note")
        )
    }

    private func silentTable(_ w: ReportWords) -> ReportTable {
        ReportTable(
            id: .silent,
            title: w.text("Trường không báo cáo sự việc nào trong kỳ", "schools that reported nothing"),
            headers: w.withID(
                w.text("Mã trường", "school id"),
                [w.text("Trường", "school"), w.text("Cấp học", "kind")]
            ),
            rows: silentSchools.map { w.withID($0.schoolID, [$0.name, w.kindLabel($0.kind)]) }
        )
    }

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

    /// The words for a school kind, e.g. "THCS (lower secondary)".
    public static func kindLabel(_ kind: String) -> String {
        ReportWords(language: .bilingual, ids: true).kindLabel(kind)
    }
}

/// The words of the report's tables in one `ReportLanguage`.
struct ReportWords {
    var language: ReportLanguage
    /// Whether the tables show internal ids.
    var ids: Bool

    func text(_ vi: String, _ en: String) -> String { language.text(vi, en) }

    /// `label` in this language.
    func text(_ label: Label) -> String { language.text(label.vi, label.en) }

    /// The locale times are written in: English only for `.en`.
    var timeLocale: DisplayLocale { language == .en ? .en : .vi }

    /// `cells` with `id` in front when the tables show ids.
    func withID(_ id: String, _ cells: [String]) -> [String] { ids ? [id] + cells : cells }

    var tallyHeaders: [String] {
        [
            text("Đúng hạn", "met on time"), text("Trễ hạn", "met late"), text("Quá hạn chưa làm", "missed"),
            text("Đang mở", "still open"), text("Đã hủy", "cancelled"),
        ]
    }

    func label(_ dimension: PeriodReport.Dimension) -> String {
        switch dimension {
        case .category: text("Loại", "category")
        case .platform: text("Nền tảng", "platform")
        case .severity: text("Mức độ", "severity")
        case .schoolKind: text("Cấp học", "school kind")
        }
    }

    func label(_ dimension: PeriodReport.Dimension, _ value: String) -> String {
        let (vi, en) = (TemplateStrings.vi, TemplateStrings.en)
        switch dimension {
        case .category: return IncidentCategory(rawValue: value).map { text(vi.label($0), en.label($0)) } ?? value
        case .platform: return Platform(rawValue: value).map { language == .en ? en.label($0) : vi.label($0) } ?? value
        case .severity: return Severity(rawValue: value).map { text(vi.label($0), en.label($0)) } ?? value
        case .schoolKind: return kindLabel(value)
        }
    }

    func kindLabel(_ kind: String) -> String {
        guard let unitKind = UnitKind(rawValue: kind) else { return kind }
        return switch unitKind {
        case .preschool: text("Mầm non", "preschool")
        case .primary: text("Tiểu học", "primary")
        case .primaryLowerSecondary: text("Tiểu học và THCS", "primary and lower secondary")
        case .lowerSecondary: text("THCS", "lower secondary")
        default: kind
        }
    }
}
