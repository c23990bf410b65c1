import Foundation
import WatchpostCore
import WatchpostNotify
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

    /// A unit the document goes to (nơi nhận) and why: "UBND xã Bình Sơn (để báo cáo)".
    public struct Recipient: Sendable, Hashable {
        /// The unit, e.g. "UBND xã Bình Sơn", or a group: "Các trường MN, TH, THCS trên địa bàn xã".
        public var name: String
        /// Why it is sent: "để báo cáo", "để biết".
        public var purpose: String?

        /// Creates a recipient.
        public init(name: String, purpose: String? = nil) {
            self.name = name
            self.purpose = purpose
        }

        /// The line of the list, without its dash: "UBND xã Bình Sơn (để báo cáo)".
        public var line: String { purpose.map { "\(name) (\($0))" } ?? name }
    }

    /// The figures.
    public var report: PeriodReport
    /// The body the issuer belongs to (cơ quan chủ quản), uppercase, e.g. "UBND XÃ BÌNH SƠN"; nil
    /// when there is none.
    public var parentBody: String?
    /// The issuing body (cơ quan ban hành), uppercase, e.g. "PHÒNG VĂN HÓA - XÃ HỘI".
    public var issuingBody: String
    /// The number and symbol from the clerk's register, e.g. "12/BC-VHXH"; nil leaves the number
    /// blank ("Số:      /BC-VHXH") and marks the document "DỰ THẢO": Watchpost keeps no register.
    public var number: String?
    /// The symbol: "BC-" and the abbreviation of the issuing body, e.g. "BC-VHXH".
    public var symbol: String
    /// The place name (địa danh) of the date line: where the issuer sits, e.g. "Bình Sơn".
    public var place: String
    /// The date of issue, shown in Asia/Ho_Chi_Minh as "Bình Sơn, ngày 01 tháng 12 năm 2026".
    public var date: Date
    /// The summary line (trích yếu) under "BÁO CÁO", e.g. "Tình hình tiếp nhận, xử lý sự việc trên
    /// mạng xã hội tháng 11 năm 2026".
    public var title: String
    /// Where the document goes (nơi nhận), most senior first, each with its purpose.
    public var recipients: [Recipient]
    /// The filing line that ends the list, e.g. "Lưu: VT, VHXH.".
    public var archive: String
    /// The signature block's title lines, uppercase: ["TRƯỞNG PHÒNG"], ["KT. TRƯỞNG PHÒNG", "PHÓ
    /// TRƯỞNG PHÒNG"] or ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"].
    public var signatureLines: [String]
    /// Who signs: the head of the issuing unit, else a deputy; nil leaves the name blank.
    public var signerName: String?

    /// Whether the document is a draft: no number from the register yet.
    public var isDraft: Bool { number == nil }

    /// Builds the document for `report` from `directory`.
    ///
    /// The issuer is the report's authority (`scope.authorityID`), else its school
    /// (`scope.unitID`); an unscoped report is issued by the province-level education authority.
    /// The recipients are the People's Committee the issuer reports to and its superior authority
    /// (to report), and the units under it (for their information). The signer is whoever holds
    /// the head's role in the issuer in `directory`, else a deputy signing for the head ("KT."),
    /// from the directory as it stands, so pass the one in force at `date`. `number` is the
    /// register's: the whole "12/BC-VHXH" or just "12" (a number below 10 takes a leading zero,
    /// Decree 30/2020/NĐ-CP, Appendix I); `cadence` names the period in the title, which otherwise
    /// follows from its dates.
    public init(report: PeriodReport, directory: Directory, number: String? = nil, cadence: Cadence? = nil, date: Date)
    {
        let issuer = ReportIssuer(scope: report.scope, directory: directory)
        let symbol = "BC-" + issuer.abbreviation
        self.report = report
        parentBody = issuer.parentName.map(Self.uppercase)
        issuingBody = Self.uppercase(issuer.shortName)
        self.number = number.map { $0.contains("/") ? $0 : "\(Self.padded($0))/\(symbol)" }
        self.symbol = symbol
        place = issuer.place
        self.date = date
        title = "Tình hình tiếp nhận, xử lý sự việc trên mạng xã hội " + ReportDates.periodName(report.scope, cadence)
        recipients = issuer.recipients
        archive = issuer.archive
        signatureLines = issuer.signatureLines
        signerName = issuer.signerName
    }

    /// "5" → "05": a document number below 10 takes a leading zero.
    static func padded(_ number: String) -> String {
        guard let value = Int(number), value >= 0, value < 10 else { return number }
        return "0\(value)"
    }

    /// A heading line's letters, uppercase and precomposed.
    static func uppercase(_ text: String) -> String { text.uppercased().precomposedStringWithCanonicalMapping }
}
