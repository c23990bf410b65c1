import Foundation
import WatchpostCore
import WatchpostStore

extension ReportDocument {
    /// The whole document: one self-contained HTML5 page (lang="vi", UTF-8, precomposed
    /// diacritics) laid out for A4 per Decree 30/2020/NĐ-CP, with its style inline and its charts
    /// as inline SVG; no script and nothing to load. Every text is escaped.
    public var html: String {
        let page = """
            <!DOCTYPE html>
            <html lang="vi">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTML.escape("Báo cáo: \(title)"))</title>
            <style>
            \(Self.stylesheet)</style>
            </head>
            <body>
            \(heading)
            <h1>BÁO CÁO</h1>
            <p class="summary short-rule">\(HTML.escape(title))</p>
            <p class="lead">\(HTML.escape(lead))</p>
            \(sections)
            <p class="conclusion">\(HTML.escape(conclusion))</p>
            \(closing)
            </body>
            </html>

            """
        return page.precomposedStringWithCanonicalMapping
    }

    /// The two-column heading: issuer and number on the left, the nation and the place and date on
    /// the right, the second row aligned whatever the first holds.
    private var heading: String {
        let parent = parentBody.map { "<p class=\"parent-body\">\(Self.wrappingBeforeLocality($0))</p>" } ?? ""
        let numberText =
            number.map { "Số: \(HTML.escape($0))" }
            ?? "Số: <span class=\"number-blank\"></span>/\(HTML.escape(symbol))"
        return """
            <table class="heading" role="presentation">
            <tr><td class="issuer">\(parent)<p class="issuing-body short-rule">\(HTML.escape(issuingBody))</p></td>
            <td class="nation"><p class="republic">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p>
            <p class="motto"><span>Độc lập - Tự do - Hạnh phúc</span></p></td></tr>
            <tr class="dateline"><td class="number">\(numberText)</td>
            <td class="place-date">\(HTML.escape("\(place), \(ReportDates.issueDate(date))"))</td></tr>
            </table>
            """
    }

    /// `name`, escaped, breaking if it must only before its locality ("ỦY BAN NHÂN DÂN / XÃ BÌNH
    /// SƠN"), as a heading line is written.
    private static func wrappingBeforeLocality(_ name: String) -> String {
        let words = name.split(separator: " ")
        guard
            var start = words.indices.dropFirst().last(where: {
                ReportIssuer.localityWords.contains(words[$0].lowercased())
            })
        else { return HTML.escape(name) }
        // "THỊ XÃ", "THỊ TRẤN": the locality starts at its first word.
        while start > 1, ReportIssuer.localityWords.contains(words[start - 1].lowercased()) { start -= 1 }
        return [words[..<start], words[start...]]
            .map { "<span class=\"keep\">\(HTML.escape($0.joined(separator: " ")))</span>" }.joined(separator: " ")
    }

    /// What the report covers and when its figures were read.
    private var lead: String {
        let scope = report.scope
        let covered: String
        if scope.authorityID != nil {
            covered = "các trường thuộc phạm vi quản lý của đơn vị"
        } else if let unit = scope.unitID {
            covered =
                report.schools.first { $0.schoolID == unit }?.name
                ?? report.silentSchools.first { $0.schoolID == unit }?.name ?? unit
        } else {
            covered = "tất cả các trường trong hệ thống"
        }
        let totals = report.totals
        return "Kỳ báo cáo từ \(LocalTime.format(scope.from, locale: .vi)) đến trước "
            + "\(LocalTime.format(scope.to, locale: .vi)) (giờ Việt Nam), so sánh với kỳ trước có cùng độ dài bắt đầu "
            + "từ \(LocalTime.format(scope.previousFrom, locale: .vi)). Phạm vi: \(covered). Trong kỳ đã tiếp nhận "
            + "\(totals.current) sự việc (kỳ trước: \(totals.previous)). Số liệu được tổng hợp từ hệ thống Watchpost "
            + "lúc \(LocalTime.format(report.generatedAt, locale: .vi)). Kết quả cụ thể như sau:"
    }

    /// The closing sentence of an administrative report, ended by "./." (Decree 30/2020/NĐ-CP,
    /// Appendix I): "Trên đây là báo cáo tình hình tiếp nhận, xử lý sự việc … ./.".
    private var conclusion: String {
        let subject = title.prefix(1).lowercased() + title.dropFirst()
        return "Trên đây là báo cáo \(subject)./."
    }

    /// One numbered section per table, with its chart where it has one.
    private var sections: String {
        var figure = 0
        return report.tables(durations: .text).enumerated().map { index, table in
            let numeral = index < Self.romanNumerals.count ? Self.romanNumerals[index] : "\(index + 1)"
            var out = "<section>\n<h2>\(numeral). \(HTML.escape(table.title))</h2>\n"
            if let chart = report.chart(for: table.id) {
                figure += 1
                out += "<figure>\n\(chart.svg)\n<figcaption>Biểu đồ \(figure). \(HTML.escape(chart.title))"
                out += "</figcaption>\n</figure>\n"
            }
            out += ReportTableHTML(table: table).html
            return out + "</section>"
        }.joined(separator: "\n")
    }

    private static let romanNumerals = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]

    /// Recipients on the left, the signature block on the right.
    private var closing: String {
        let lines = recipients.map { "<p>- \(HTML.escape($0));</p>" } + ["<p>- Lưu: VT.</p>"]
        return """
            <table class="closing" role="presentation">
            <tr><td class="recipients"><p class="recipients-heading">Nơi nhận:</p>
            \(lines.joined(separator: "\n"))</td>
            <td class="signature"><p class="signer-title">\(HTML.escape(signerTitle))</p>
            <div class="signature-space"></div>
            <p class="signer-name">\(HTML.escape(signerName ?? ""))</p></td></tr>
            </table>
            """
    }
}
