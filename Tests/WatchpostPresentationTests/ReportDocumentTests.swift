import Foundation
import Testing
import WatchpostCore
import WatchpostPresentation

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
            // An SMS the network gave up on and one with no receipt yet, after a dead one:
            // nothing is known to have reached the deputy (D61).
            deliveryFailures: [
                .init(
                    officerID: "pht-thcs-bs",
                    officerName: "Phạm Thị Lan",
                    dead: 1,
                    delivered: 2,
                    undelivered: 1,
                    unconfirmed: 1
                )
            ],
            silentSchools: [],
            // The missed one, on the working clock, owed by a delegate for the absent head.
            missedDeadlines: [
                .init(
                    obligationID: UUID(uuidString: "0b7e4c2a-0000-4000-8000-000000000002")!,
                    incidentID: UUID(uuidString: "3f2a9c1e-0000-4000-8000-000000000001")!,
                    schoolID: "thcs-bs",
                    schoolName: "Trường THCS \(hostile)",
                    kind: .acknowledge,
                    ownerRelation: .schoolHead,
                    ownerOfficerID: "pht-thcs-bs",
                    ownerName: "Phạm Thị Lan",
                    delegatedFrom: "ht-thcs-bs",
                    delegatedFromName: "Trần Văn Bình",
                    dueAt: ReportScope.localDay("2026-11-24")!.addingTimeInterval(9.5 * 3600),
                    clock: .working
                )
            ]
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
        #expect(document.parentBody == "UBND XÃ BÌNH SƠN")
        #expect(document.issuingBody == "PHÒNG VĂN HÓA - XÃ HỘI")
        #expect(document.symbol == "BC-VHXH" && document.number == nil && document.isDraft)
        // The place is the commune where the office sits, not the province.
        #expect(document.place == "Bình Sơn")
        #expect(document.title == "Tình hình tiếp nhận, xử lý sự việc trên mạng xã hội tháng 11 năm 2026")
        #expect(
            document.recipients.map(\.line) == [
                "UBND xã Bình Sơn (để báo cáo)", "Sở Giáo dục và Đào tạo tỉnh Quảng Ngãi (để báo cáo)",
                "Trường THCS \(Self.hostile) (để biết)",
            ]
        )
        #expect(document.archive == "Lưu: VT, VHXH.")
        #expect(document.signatureLines == ["TRƯỞNG PHÒNG"] && document.signerName == Self.decomposedHead)
    }

    @Test(arguments: [("12", "12/BC-VHXH"), ("5", "05/BC-VHXH"), ("07/BC-VHXH", "07/BC-VHXH")])
    func aNumberFromTheRegisterTakesALeadingZeroBelowTenAndEndsTheDraft(given: String, expected: String) throws {
        let document = Self.document(number: given)
        #expect(document.number == expected && !document.isDraft)
        let html = try document.html
        #expect(html.contains("Số: \(expected)") && !html.contains("DỰ THẢO"))
        #expect(try Self.document().html.contains("<p class=\"draft\">DỰ THẢO</p>"))
    }

    @Test func anUnscopedReportIsIssuedByTheDepartmentUnderTheProvincialCommittee() {
        let scope = ReportScope(from: ReportScope.localDay("2026-11-23")!, to: ReportScope.localDay("2026-11-30")!)
        let document = Self.document(scope)
        #expect(document.parentBody == "UBND TỈNH QUẢNG NGÃI")
        #expect(document.issuingBody == "SỞ GIÁO DỤC VÀ ĐÀO TẠO" && document.symbol == "BC-SGDĐT")
        #expect(document.place == "Quảng Ngãi")
        // No head in the directory: the name is left blank under the head's title.
        #expect(document.signatureLines == ["GIÁM ĐỐC"] && document.signerName == nil)
        #expect(
            document.recipients.map(\.line) == [
                "UBND tỉnh Quảng Ngãi (để báo cáo)", "Phòng Văn hóa - Xã hội xã Bình Sơn (để biết)",
            ]
        )
        #expect(document.archive == "Lưu: VT.")
        #expect(document.title.hasSuffix("xã hội tuần từ ngày 23/11/2026 đến hết ngày 29/11/2026"))
    }

    @Test func aSchoolsReportNamesTheCommuneCommitteeAsItsGoverningBody() throws {
        let scope = ReportScope(
            from: ReportScope.localDay("2026-11-03")!,
            to: ReportScope.localDay("2026-11-18")!,
            unitID: "thcs-bs"
        )
        let document = Self.document(scope)
        // Since 1 July 2025 the commune committee manages the school (Circular 15/2025/TT-BGDĐT).
        #expect(document.parentBody == "UBND XÃ BÌNH SƠN")
        #expect(document.issuingBody == #"TRƯỜNG THCS <B>&"HOA"#)
        #expect(document.signatureLines == ["HIỆU TRƯỞNG"] && document.signerName == nil)
        #expect(
            document.recipients.map(\.line) == [
                "UBND xã Bình Sơn (để báo cáo)", "Phòng Văn hóa - Xã hội xã Bình Sơn (để báo cáo)",
            ]
        )
        #expect(document.title.hasSuffix("xã hội từ ngày 03/11/2026 đến hết ngày 17/11/2026"))
        #expect(try document.html.contains("TRƯỜNG THCS &lt;B&gt;&amp;&quot;HOA"))
    }

    @Test func aDeputySignsForTheHeadAndACommitteeSignsOnBehalfOfItsMembers() throws {
        var directory = Self.directory
        directory = Directory(
            units: directory.units,
            officers: [
                Officer(
                    id: "ptp-vhxh",
                    name: "Lê Thị Ngân",
                    unit: "vhxh-bs",
                    roles: [.deputy],
                    channels: [Channel(kind: .email, address: "ptp@example.vn")]
                ),
                Officer(
                    id: "pct-ubnd",
                    name: "Nguyễn Thị Duyên",
                    unit: "ubnd-xa-bs",
                    roles: [.deputy],
                    channels: [Channel(kind: .email, address: "pct@example.vn")]
                ),
            ]
        )
        let date = ReportScope.localDay("2026-12-01")!
        let office = ReportDocument(report: Self.report(scope: Self.november), directory: directory, date: date)
        #expect(
            office.signatureLines == ["KT. TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG"] && office.signerName == "Lê Thị Ngân"
        )
        let committeeScope = ReportScope(from: Self.november.from, to: Self.november.to, authorityID: "ubnd-xa-bs")
        let committee = ReportDocument(report: Self.report(scope: committeeScope), directory: directory, date: date)
        #expect(committee.signatureLines == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"])
        let officeHTML = try office.html
        #expect(!officeHTML.contains("THỦ TRƯỞNG") && !officeHTML.contains("WATCHPOST"))
    }

    @Test func manySchoolsAreNamedTogetherByKindAndTheDirectoryMayGiveAbbreviationAndPlace() throws {
        var units = Self.directory.units.map { unit -> WatchpostCore.Unit in
            var unit = unit
            if unit.id == "vhxh-bs" {
                unit.abbreviation = "VHXH-BS"
                unit.place = "Châu Ổ"
            }
            return unit
        }
        let kinds: [UnitKind] = [.preschool, .primary, .primary, .lowerSecondary, .primaryLowerSecondary, .preschool]
        for (index, kind) in kinds.enumerated() {
            units.append(
                Unit(id: "s\(index)", kind: kind, name: "Trường \(index)", parent: "vhxh-bs", commune: "xa-bs")
            )
        }
        let document = ReportDocument(
            report: Self.report(scope: Self.november),
            directory: Directory(units: units, officers: Self.directory.officers),
            date: ReportScope.localDay("2026-12-01")!
        )
        #expect(document.symbol == "BC-VHXH-BS" && document.place == "Châu Ổ")
        #expect(document.recipients.last?.line == "Các trường MN, TH, TH&THCS, THCS trên địa bàn xã (để biết)")
        #expect(try document.html.contains("Châu Ổ, ngày 01 tháng 12 năm 2026"))
    }

    @Test func theOfficialDocumentIsVietnameseOnlyWithoutIdsAndTheEnglishIsASeparateRendering() throws {
        let html = try Self.document().html
        for english in ["(total)", "met on time", "school id", "(by school)", "incidents by category", "p90"] {
            #expect(!html.contains(english), "English or an internal term in the official document: \(english)")
        }
        #expect(!html.contains("trung vị") && !html.contains(">thcs-bs<"))
        #expect(html.contains("Xác nhận: một nửa số sự việc trong vòng") && html.contains("Đúng hạn"))
        #expect(html.contains("Kỳ báo cáo từ ngày 01/11/2026 đến hết ngày 30/11/2026 (giờ Việt Nam)"))
        #expect(html.contains("- Lưu: VT, VHXH.</p>") && html.contains("(để báo cáo);</p>"))

        let english = try Self.document().html(in: .en)
        #expect(english.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(english.contains("SOCIALIST REPUBLIC OF VIET NAM") && english.contains("Met on time"))
        #expect(english.contains("DRAFT") && !english.contains("Đúng hạn"))
    }

    @Test func theHTMLIsAPrintableDocumentWithEveryNameEscapedAndPrecomposed() throws {
        let html = try Self.document().html
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"vi\">"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
        #expect(html.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") && html.contains("Độc lập - Tự do - Hạnh phúc"))
        #expect(
            html.contains(#"<span class="keep">UBND</span> <span class="keep">XÃ BÌNH SƠN</span>"#)
                && html.contains("PHÒNG VĂN HÓA - XÃ HỘI")
        )
        #expect(html.contains("Số: <span class=\"number-blank\"></span>/BC-VHXH"))
        #expect(html.contains("Bình Sơn, ngày 01 tháng 12 năm 2026"))
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
        #expect(html.contains("Nơi nhận:"))
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
    func theDateLinePadsDaysBelowTenAndTheFirstTwoMonths(day: String, expected: String) throws {
        var document = Self.document()
        document.date = ReportScope.localDay(day)!
        #expect(try document.html.contains("Bình Sơn, \(expected)"))
    }
}
