import Foundation
import Testing
import WatchpostCore
import WatchpostPresentation
import WatchpostStore

/// The report's table of alerts that did not reach officers (D61) says the same in every format:
/// the receipts' counts in the CSV, the Markdown, the JSON and the administrative document, in
/// the vocabulary's words; and a report stored before receipts were counted still reads.
@Suite
struct ReportDeliveryTableTests {
    static var report: PeriodReport { ReportDocumentTests.report(scope: ReportDocumentTests.november) }

    @Test func theCSVCountsDeadUndeliveredDeliveredConfirmedAndUnconfirmedPerOfficer() {
        let text = String(decoding: Self.report.csv(table: .deliveries).dropFirst(3), as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(
            lines == [
                "Mã cán bộ (officer id),Cán bộ (officer),Gửi thất bại (dead),"
                    + "Có báo không đến được (reported not delivered),Đã gửi được (delivered),"
                    + "Có báo đã đến (reported reached),Chưa có báo đã đến (no receipt yet),"
                    + "Không liên lạc được (unreachable)",
                "pht-thcs-bs,Phạm Thị Lan,1,1,2,0,1,Có (yes)",
            ]
        )
    }

    @Test func theMarkdownExplainsTheCountsUnderTheTable() {
        let markdown = Self.report.markdown
        #expect(markdown.contains("## Thông báo không đến được và cán bộ không liên lạc được"))
        #expect(markdown.contains("| pht-thcs-bs | Phạm Thị Lan | 1 | 1 | 2 | 0 | 1 | Có (yes) |"))
        #expect(markdown.contains("Có báo đã đến: nhà mạng hoặc Zalo báo tin đã đến máy của cán bộ"))
    }

    @Test func theDocumentShowsTheCountsInVietnameseWithoutIds() throws {
        let html = try ReportDocumentTests.document().html
        for header in ["Có báo không đến được", "Có báo đã đến", "Chưa có báo đã đến", "Không liên lạc được"] {
            #expect(html.contains(header), "\(header)")
        }
        #expect(html.contains("Phạm Thị Lan") && !html.contains("pht-thcs-bs"))
        #expect(!html.contains("reported not delivered"))
        let english = try ReportDocumentTests.document().html(in: .en)
        #expect(english.contains("reported not delivered") && english.contains("no receipt yet"))
    }

    @Test func theJSONCarriesTheReceiptCountsAndAReportStoredBeforeThemStillReads() throws {
        let json = try Self.report.json()
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        let row = try #require((object["deliveryFailures"] as? [[String: Any]])?.first)
        #expect(row["undelivered"] as? Int == 1 && row["unconfirmed"] as? Int == 1 && row["confirmed"] as? Int == 0)
        #expect(row["unreachable"] as? Bool == true)
        #expect(try JSONDecoder.iso8601().decode(PeriodReport.self, from: json) == Self.report)

        // The figures of a scheduled run stored before receipts were counted.
        let stored =
            #"{"officerID": "pht-thcs-bs", "officerName": null, "dead": 1, "delivered": 0, "unreachable": true}"#
        let old = try JSONDecoder().decode(PeriodReport.RecipientDeliveries.self, from: Data(stored.utf8))
        #expect(old.confirmed == 0 && old.undelivered == 0 && old.unconfirmed == 0 && old.unreachable)
    }
}

extension JSONDecoder {
    fileprivate static func iso8601() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
