import Foundation
import WatchpostCore
import WatchpostNotify
import WatchpostStore

extension ReportDocument {
    /// The official document: one self-contained HTML5 page in Vietnamese only (lang="vi", UTF-8,
    /// precomposed diacritics) laid out for A4 per Decree 30/2020/NĐ-CP, with its style inline and
    /// its charts as inline SVG; no script, nothing to load, no internal id. Every text is escaped.
    public var html: String { html(in: .vi) }

    /// The document in `locale`: `.vi` is the official text; `.en` is a separate rendering of the
    /// same layout and figures for English readers, which carries no legal weight.
    public func html(in locale: DisplayLocale) -> String {
        let words = Words(locale: locale)
        let page = """
            <!DOCTYPE html>
            <html lang="\(locale.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTML.escape("\(words.report): \(title(locale))"))</title>
            <style>
            \(Self.stylesheet)</style>
            </head>
            <body>
            \(isDraft ? "<p class=\"draft\">\(words.draft)</p>\n" : "")\(heading(words))
            <h1>\(words.report.uppercased())</h1>
            <p class="summary short-rule">\(HTML.escape(title(locale)))</p>
            <p class="lead">\(HTML.escape(lead(words)))</p>
            \(sections(words))
            <p class="conclusion">\(HTML.escape(conclusion(locale)))</p>
            \(closing(words))
            </body>
            </html>

            """
        return page.precomposedStringWithCanonicalMapping
    }

    /// The fixed words of the document in one locale.
    struct Words {
        var locale: DisplayLocale
        var language: ReportLanguage { locale == .en ? .en : .vi }
        var report: String { locale == .en ? "Report" : "Báo cáo" }
        var draft: String { locale == .en ? "DRAFT" : "DỰ THẢO" }
        var republic: String { locale == .en ? "SOCIALIST REPUBLIC OF VIET NAM" : "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" }
        var motto: String { locale == .en ? "Independence - Freedom - Happiness" : "Độc lập - Tự do - Hạnh phúc" }
        var number: String { locale == .en ? "No." : "Số:" }
        var figure: String { locale == .en ? "Figure" : "Biểu đồ" }
        var recipients: String { locale == .en ? "Recipients:" : "Nơi nhận:" }
    }

    /// The summary line in `locale`.
    private func title(_ locale: DisplayLocale) -> String {
        guard locale == .en else { return title }
        return "Social-network incidents received and handled, "
            + ReportDates.periodName(report.scope, nil, locale: .en)
    }

    /// The two-column heading: issuer and number on the left, the nation and the place and date on
    /// the right, the second row aligned whatever the first holds.
    private func heading(_ words: Words) -> String {
        let parent = parentBody.map { "<p class=\"parent-body\">\(Self.wrappingBeforeLocality($0))</p>" } ?? ""
        let issuer =
            issuingBody.isEmpty
            ? "<span class=\"number-blank\"></span>" : HTML.escape(issuingBody)
        let numberText =
            number.map { "\(words.number) \(HTML.escape($0))" }
            ?? "\(words.number) <span class=\"number-blank\"></span>/\(HTML.escape(symbol))"
        return """
            <table class="heading" role="presentation">
            <tr><td class="issuer">\(parent)<p class="issuing-body short-rule">\(issuer)</p></td>
            <td class="nation"><p class="republic">\(words.republic)</p>
            <p class="motto"><span>\(words.motto)</span></p></td></tr>
            <tr class="dateline"><td class="number">\(numberText)</td>
            <td class="place-date">\(HTML.escape("\(place), \(ReportDates.issueDate(date, locale: words.locale))"))</td></tr>
            </table>
            """
    }

    /// `name`, escaped, breaking if it must only before its locality ("UBND / XÃ BÌNH SƠN"), as a
    /// heading line is written.
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

    /// What the report covers, in whole days when the period is, and when its figures were read.
    private func lead(_ words: Words) -> String {
        let scope = report.scope
        let locale = words.locale
        let en = locale == .en
        let covered: String
        if scope.authorityID != nil {
            covered = en ? "the schools the unit supervises" : "các trường thuộc phạm vi quản lý của đơn vị"
        } else if let unit = scope.unitID {
            covered =
                report.schools.first { $0.schoolID == unit }?.name
                ?? report.silentSchools.first { $0.schoolID == unit }?.name ?? unit
        } else {
            covered = en ? "every school in the system" : "tất cả các trường trong hệ thống"
        }
        let period =
            ReportDates.isWholeDays(scope)
            ? ReportDates.wholeDaysRange(scope, locale: locale)
            : en
                ? "from \(LocalTime.format(scope.from, locale: .en)) until \(LocalTime.format(scope.to, locale: .en))"
                : "từ \(LocalTime.format(scope.from, locale: .vi)) đến trước \(LocalTime.format(scope.to, locale: .vi))"
        let previous = ReportScope(from: scope.previousFrom, to: scope.from)
        let previousPeriod =
            ReportDates.isWholeDays(previous)
            ? ReportDates.wholeDaysRange(previous, locale: locale)
            : (en ? "from " : "từ ") + LocalTime.format(scope.previousFrom, locale: locale)
        let totals = report.totals
        let generated = LocalTime.format(report.generatedAt, locale: locale)
        if en {
            return "The report covers \(period) (Vietnam time), compared with the previous period of the same length, "
                + "\(previousPeriod). Scope: \(covered). \(totals.current) incidents were received in the period "
                + "(previous period: \(totals.previous)). Figures read from Watchpost at \(generated). In detail:"
        }
        return "Kỳ báo cáo \(period) (giờ Việt Nam), so sánh với kỳ trước có cùng độ dài, \(previousPeriod). "
            + "Phạm vi: \(covered). Trong kỳ đã tiếp nhận \(totals.current) sự việc (kỳ trước: \(totals.previous)). "
            + "Số liệu được tổng hợp từ hệ thống Watchpost lúc \(generated). Kết quả cụ thể như sau:"
    }

    /// The closing sentence of an administrative report, ended by "./." (Decree 30/2020/NĐ-CP,
    /// Appendix I): "Trên đây là báo cáo tình hình tiếp nhận, xử lý sự việc … ./.".
    private func conclusion(_ locale: DisplayLocale) -> String {
        if locale == .en {
            return "This concludes the report on \(title(.en).prefix(1).lowercased() + title(.en).dropFirst())."
        }
        let subject = title.prefix(1).lowercased() + title.dropFirst()
        return "Trên đây là báo cáo \(subject)./."
    }

    /// One numbered section per table, with its chart where it has one; tables without ids.
    private func sections(_ words: Words) -> String {
        var figure = 0
        return report.tables(durations: .text, language: words.language, ids: false).enumerated().map { index, table in
            let numeral = index < Self.romanNumerals.count ? Self.romanNumerals[index] : "\(index + 1)"
            var out = "<section>\n<h2>\(numeral). \(HTML.escape(Self.capitalized(table.title)))</h2>\n"
            if let chart = report.chart(for: table.id, language: words.language) {
                figure += 1
                out += "<figure>\n\(chart.svg)\n<figcaption>\(words.figure) \(figure). "
                out += "\(HTML.escape(Self.capitalized(chart.title)))</figcaption>\n</figure>\n"
            }
            out += ReportTableHTML(table: table, keyColumns: 1).html(none: words.locale == .en ? "None." : "Không có.")
            return out + "</section>"
        }.joined(separator: "\n")
    }

    private static func capitalized(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }

    private static let romanNumerals = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]

    /// Recipients, each with its purpose, and the filing line on the left; the signature block on
    /// the right.
    private func closing(_ words: Words) -> String {
        let lines =
            recipients.map { "<p>- \(HTML.escape($0.line));</p>" } + ["<p>- \(HTML.escape(archive))</p>"]
        let titles = signatureLines.map { "<p class=\"signer-title\">\(HTML.escape($0))</p>" }
        return """
            <table class="closing" role="presentation">
            <tr><td class="recipients"><p class="recipients-heading">\(words.recipients)</p>
            \(lines.joined(separator: "\n"))</td>
            <td class="signature">\(titles.joined(separator: "\n"))
            <div class="signature-space"></div>
            <p class="signer-name">\(HTML.escape(signerName ?? ""))</p></td></tr>
            </table>
            """
    }
}
