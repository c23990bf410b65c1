import Foundation
import Testing
import WatchpostCore
import WatchpostPipeline

@testable import WatchpostStore

/// The report as an administrative document (Decree 30/2020/NĐ-CP), rendered from a report and a
/// directory made by hand: no database.
@Suite
struct ReportDocumentTests {
    /// A name to be escaped, as a directory could hold.
    static let hostile = #"<b>&"Hoa"#
    /// "Nguyễn Văn An" written decomposed (e + combining circumflex + combining tilde).
    static let decomposedHead = "Nguye\u{0302}\u{0303}n Va\u{0306}n An"
    static let province = Unit(id: "tinh-qn", kind: .province, name: "Tỉnh Quảng Ngãi")
    static let commune = Unit(id: "xa-bs", kind: .commune, name: "Xã Bình Sơn", parent: "tinh-qn")

    static let directory = Directory(
        units: [
            province,
            Unit(
                id: "ubnd-tinh-qn",
                kind: .peoplesCommittee,
                name: "Ủy ban nhân dân tỉnh Quảng Ngãi",
                parent: "tinh-qn"
            ),
            Unit(
                id: "so-gddt",
                kind: .educationAuthority,
                name: "Sở Giáo dục và Đào tạo tỉnh Quảng Ngãi",
                parent: "tinh-qn",
                reportsTo: "ubnd-tinh-qn"
            ),
            commune,
            Unit(id: "ubnd-xa-bs", kind: .peoplesCommittee, name: "Ủy ban nhân dân xã Bình Sơn", parent: "xa-bs"),
            Unit(
                id: "vhxh-bs",
                kind: .educationAuthority,
                name: "Phòng Văn hóa - Xã hội xã Bình Sơn",
                parent: "ubnd-xa-bs",
                reportsTo: "ubnd-xa-bs",
                department: "so-gddt"
            ),
            Unit(
                id: "thcs-bs",
                kind: .lowerSecondary,
                name: "Trường THCS \(hostile)",
                parent: "vhxh-bs",
                commune: "xa-bs"
            ),
        ],
        officers: [
            Officer(
                id: "tp-vhxh",
                name: decomposedHead,
                unit: "vhxh-bs",
                roles: [.head],
                channels: [Channel(kind: .email, address: "tp@example.vn")]
            )
        ]
    )

    /// November 2026 for the Bình Sơn office, one school with one incident.
    static func report(scope: ReportScope) -> PeriodReport {
        var obligations = PeriodReport.ObligationTally()
        obligations.metOnTime = 2
        obligations.metLate = 1
        obligations.missed = 1
        return PeriodReport(
            scope: scope,
            generatedAt: ReportScope.localDay("2026-12-01")!.addingTimeInterval(7 * 3600),
            incidentCounts: [
                .init(dimension: .category, value: "school_violence", current: 1, previous: 2),
                .init(dimension: .platform, value: "facebook", current: 1, previous: 2),
            ],
            schools: [
                .init(
                    schoolID: "thcs-bs",
                    name: "Trường THCS \(hostile)",
                    kind: "lower_secondary",
                    incidents: 1,
                    obligations: obligations
                )
            ],
            heads: [],
            deliveryFailures: [],
            silentSchools: []
        )
    }

    static let november = ReportScope(
        from: ReportScope.localDay("2026-11-01")!,
        to: ReportScope.localDay("2026-12-01")!,
        authorityID: "vhxh-bs"
    )

    static func document(_ scope: ReportScope = november, number: String? = nil) -> ReportDocument {
        ReportDocument(
            report: report(scope: scope),
            directory: directory,
            number: number,
            date: ReportScope.localDay("2026-12-01")!.addingTimeInterval(9 * 3600)
        )
    }

    @Test func theAuthoritysReportCarriesTheHeadingRecipientsAndSignerFromTheDirectory() {
        let document = Self.document()
        #expect(document.parentBody == "ỦY BAN NHÂN DÂN XÃ BÌNH SƠN")
        #expect(document.issuingBody == "PHÒNG VĂN HÓA - XÃ HỘI")
        #expect(document.symbol == "BC-VHXH" && document.number == nil)
        #expect(document.place == "Quảng Ngãi")
        #expect(document.title == "Tình hình tiếp nhận, xử lý sự việc trên mạng xã hội tháng 11 năm 2026")
        #expect(
            document.recipients == [
                "Ủy ban nhân dân xã Bình Sơn", "Sở Giáo dục và Đào tạo tỉnh Quảng Ngãi", "Trường THCS \(Self.hostile)",
            ]
        )
        #expect(document.signerTitle == "TRƯỞNG PHÒNG" && document.signerName == Self.decomposedHead)
        #expect(Self.document(number: "12").number == "12/BC-VHXH")
    }

    @Test func anUnscopedReportIsIssuedByTheDepartmentUnderTheProvincialCommittee() {
        let scope = ReportScope(from: ReportScope.localDay("2026-11-23")!, to: ReportScope.localDay("2026-11-30")!)
        let document = Self.document(scope)
        #expect(document.parentBody == "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI")
        #expect(document.issuingBody == "SỞ GIÁO DỤC VÀ ĐÀO TẠO" && document.symbol == "BC-SGDĐT")
        #expect(document.signerTitle == "GIÁM ĐỐC" && document.signerName == nil)
        #expect(document.recipients == ["Ủy ban nhân dân tỉnh Quảng Ngãi", "Phòng Văn hóa - Xã hội xã Bình Sơn"])
        #expect(document.title.hasSuffix("xã hội tuần từ ngày 23/11/2026 đến hết ngày 29/11/2026"))
    }

    @Test func aSchoolsReportIsIssuedByTheSchoolToItsAuthorityAndCommittee() {
        let scope = ReportScope(
            from: ReportScope.localDay("2026-11-03")!,
            to: ReportScope.localDay("2026-11-18")!,
            unitID: "thcs-bs"
        )
        let document = Self.document(scope)
        #expect(document.parentBody == "PHÒNG VĂN HÓA - XÃ HỘI XÃ BÌNH SƠN")
        #expect(document.issuingBody == #"TRƯỜNG THCS <B>&"HOA"#)
        #expect(document.signerTitle == "HIỆU TRƯỞNG" && document.signerName == nil)
        #expect(document.recipients == ["Ủy ban nhân dân xã Bình Sơn", "Phòng Văn hóa - Xã hội xã Bình Sơn"])
        #expect(document.title.hasSuffix("xã hội từ ngày 03/11/2026 đến hết ngày 17/11/2026"))
        #expect(document.html.contains("TRƯỜNG THCS &lt;B&gt;&amp;&quot;HOA"))
    }

    @Test func theHTMLIsAPrintableDocumentWithEveryNameEscapedAndPrecomposed() {
        let html = Self.document().html
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"vi\">"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
        #expect(html.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") && html.contains("Độc lập - Tự do - Hạnh phúc"))
        #expect(
            html.contains(#"<span class="keep">ỦY BAN NHÂN DÂN</span> <span class="keep">XÃ BÌNH SƠN</span>"#)
                && html.contains("PHÒNG VĂN HÓA - XÃ HỘI")
        )
        #expect(html.contains("Số: <span class=\"number-blank\"></span>/BC-VHXH"))
        #expect(html.contains("Quảng Ngãi, ngày 01 tháng 12 năm 2026"))
        #expect(html.contains("<h1>BÁO CÁO</h1>"))
        #expect(html.contains("Tình hình tiếp nhận, xử lý sự việc trên mạng xã hội tháng 11 năm 2026"))
        #expect(html.contains("<h2>I. ") && html.contains("<h2>V. "))
        // The administrative closing sentence, ended by "./.", after the last section.
        #expect(
            html.contains(
                "<p class=\"conclusion\">Trên đây là báo cáo tình hình tiếp nhận, xử lý sự việc trên mạng xã hội "
                    + "tháng 11 năm 2026./.</p>"
            )
        )
        #expect(html.range(of: "class=\"conclusion\"")!.lowerBound > html.range(of: "<h2>V. ")!.lowerBound)
        #expect(html.contains("Nơi nhận:") && html.contains("<p>- Lưu: VT.</p>"))
        #expect(html.contains("TRƯỞNG PHÒNG") && html.contains("Nguyễn Văn An"))
        #expect(html.contains("<svg") && html.contains("<title>"))
        #expect(html.contains("@page { size: A4; margin: 20mm 15mm 20mm 30mm; }"))

        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("src=") && !html.contains("href=") && !html.contains("url("))
        #expect(!html.contains(Self.hostile) && !html.contains("<b>"))
        #expect(html.contains("Trường THCS &lt;b&gt;&amp;&quot;Hoa"))
        #expect(Array(html.unicodeScalars) == Array(html.precomposedStringWithCanonicalMapping.unicodeScalars))
    }

    @Test(arguments: [
        ("2026-12-01", "ngày 01 tháng 12 năm 2026"), ("2026-02-09", "ngày 09 tháng 02 năm 2026"),
        ("2026-03-15", "ngày 15 tháng 3 năm 2026"),
    ])
    func theDateLinePadsDaysBelowTenAndTheFirstTwoMonths(day: String, expected: String) {
        var document = Self.document()
        document.date = ReportScope.localDay(day)!
        #expect(document.html.contains("Quảng Ngãi, \(expected)"))
    }
}
