import Foundation
import WatchpostCore
import WatchpostStore

/// A period report as a Vietnamese administrative document (báo cáo, Decree 30/2020/NĐ-CP,
/// Phụ lục I): the heading of the issuing body and of the nation, number and symbol, place and
/// date, the summary line (trích yếu), the figures, the recipients and the signature block.
///
/// `init(report:directory:number:cadence:date:)` fills every field from the directory; each can
/// be changed before rendering with `html`. The same value serves `watchpost report --format html`
/// and the scheduled reports.
public struct ReportDocument: Sendable {
    /// How often the report is made, which names its period in the title.
    public typealias Cadence = ReportCadence

    /// The figures.
    public var report: PeriodReport
    /// The body the issuer belongs to (cơ quan chủ quản), uppercase, e.g. "ỦY BAN NHÂN DÂN XÃ BÌNH
    /// SƠN"; nil when there is none.
    public var parentBody: String?
    /// The issuing body (cơ quan ban hành), uppercase, e.g. "PHÒNG VĂN HÓA - XÃ HỘI".
    public var issuingBody: String
    /// The number and symbol, e.g. "12/BC-VHXH"; nil leaves the number blank for the clerk
    /// ("Số:      /BC-VHXH").
    public var number: String?
    /// The symbol: "BC-" and the abbreviation of the issuing body, e.g. "BC-VHXH".
    public var symbol: String
    /// The place name (địa danh) of the date line, e.g. "Quảng Ngãi".
    public var place: String
    /// The date of issue, shown in Asia/Ho_Chi_Minh as "Quảng Ngãi, ngày 01 tháng 12 năm 2026".
    public var date: Date
    /// The summary line (trích yếu) under "BÁO CÁO", e.g. "Tình hình tiếp nhận, xử lý sự việc trên
    /// mạng xã hội tháng 11 năm 2026".
    public var title: String
    /// Where the document goes (nơi nhận), most senior first; the renderer adds "Lưu: VT.".
    public var recipients: [String]
    /// The signer's title, uppercase, e.g. "TRƯỞNG PHÒNG".
    public var signerTitle: String
    /// The head of the issuing unit; nil leaves the name blank.
    public var signerName: String?

    /// Builds the document for `report` from `directory`.
    ///
    /// The issuer is the report's authority (`scope.authorityID`), else its school
    /// (`scope.unitID`); an unscoped report is issued by the province-level education authority,
    /// or by "WATCHPOST" when the tree has none. The recipients are the People's Committee the
    /// issuer reports to, its superior authority, and the units under it when there are few. The
    /// signer is whoever holds the head's role in the issuer in `directory` (the directory as it
    /// stands, so pass the one in force at `date`). `number` may be the whole "12/BC-VHXH" or just
    /// "12"; `cadence` names the period in the title, which otherwise follows from its dates.
    public init(report: PeriodReport, directory: Directory, number: String? = nil, cadence: Cadence? = nil, date: Date)
    {
        let issuer = ReportIssuer(scope: report.scope, directory: directory)
        let symbol = "BC-" + issuer.abbreviation
        self.report = report
        parentBody = issuer.parentName.map(Self.uppercase)
        issuingBody = Self.uppercase(issuer.shortName)
        self.number = number.map { $0.contains("/") ? $0 : "\($0)/\(symbol)" }
        self.symbol = symbol
        place = ReportIssuer.place(in: directory)
        self.date = date
        title = "Tình hình tiếp nhận, xử lý sự việc trên mạng xã hội " + ReportDates.periodName(report.scope, cadence)
        recipients = issuer.recipients
        signerTitle = issuer.signerTitle
        signerName = issuer.signerName
    }

    /// A heading line's letters, uppercase and precomposed.
    static func uppercase(_ text: String) -> String { text.uppercased().precomposedStringWithCanonicalMapping }
}
