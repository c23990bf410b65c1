import Foundation
import WatchpostCore
import WatchpostNotify
import WatchpostStore

extension ReportDocument {
    /// The official document: one self-contained HTML5 page in Vietnamese only (lang="vi", UTF-8,
    /// precomposed diacritics) laid out for A4 per Decree 30/2020/NĐ-CP, with its style inline and
    /// its charts as inline SVG; no script, nothing to load, no internal id. Rendered from
    /// `report-document.mustache`, so every text is escaped.
    public var html: String {
        get throws(HTMLTemplateError) { try html(in: .vi) }
    }

    /// The document in `locale`: `.vi` is the official text; `.en` is a separate rendering of the
    /// same layout and figures for English readers, which carries no legal weight.
    public func html(in locale: DisplayLocale) throws(HTMLTemplateError) -> String {
        try HTMLTemplates.render(view(locale), template: "report-document").precomposedStringWithCanonicalMapping
    }

    /// What `report-document.mustache` shows.
    struct View {
        struct Parent {
            struct Split {
                let head: String
                let locality: String
            }
            let plain: String?
            let split: Split?
        }

        struct Section {
            let numeral: String
            let title: String
            let chart: ReportBarChart.View?
            let table: ReportTableHTML.View
        }

        let l: [String: [String: String]]
        let lang: String
        let isDraft: Bool
        let parent: Parent?
        let issuer: String?
        let number: String?
        let symbol: String
        let placeDate: String
        let summary: String
        let lead: String
        let sections: [Section]
        let conclusion: String
        let recipients: [String]
        let archive: String
        let signatureLines: [String]
        let signerName: String
    }

    private func view(_ locale: DisplayLocale) -> View {
        View(
            l: Labels.strings(locale),
            lang: locale.rawValue,
            isDraft: isDraft,
            parent: parentBody.map(Self.parent),
            issuer: issuingBody.isEmpty ? nil : issuingBody,
            number: number,
            symbol: symbol,
            placeDate: "\(place), \(ReportDates.issueDate(date, locale: locale))",
            summary: title(locale),
            lead: lead(locale),
            sections: sections(locale),
            conclusion: conclusion(locale),
            recipients: recipients.map(\.line),
            archive: archive,
            signatureLines: signatureLines,
            signerName: signerName ?? ""
        )
    }

    /// The summary line in `locale`.
    private func title(_ locale: DisplayLocale) -> String {
        guard locale == .en else { return title }
        return "Social-network incidents received and handled, "
            + ReportDates.periodName(report.scope, nil, locale: .en)
    }

    /// The governing body's name, breaking if it must only before its locality ("UBND / XÃ BÌNH
    /// SƠN"), as a heading line is written.
    private static func parent(_ name: String) -> View.Parent {
        let words = name.split(separator: " ")
        guard
            var start = words.indices.dropFirst().last(where: {
                ReportIssuer.localityWords.contains(words[$0].lowercased())
            })
        else { return View.Parent(plain: name, split: nil) }
        // "THỊ XÃ", "THỊ TRẤN": the locality starts at its first word.
        while start > 1, ReportIssuer.localityWords.contains(words[start - 1].lowercased()) { start -= 1 }
        return View.Parent(
            plain: nil,
            split: .init(
                head: words[..<start].joined(separator: " "),
                locality: words[start...].joined(separator: " ")
            )
        )
    }

    /// What the report covers, in whole days when the period is, and when its figures were read.
    private func lead(_ locale: DisplayLocale) -> String {
        let scope = report.scope
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
    private func sections(_ locale: DisplayLocale) -> [View.Section] {
        let language: ReportLanguage = locale == .en ? .en : .vi
        let none = Labels.label("reportDocument", "none")(locale)
        var figure = 0
        return report.tables(durations: .text, language: language, ids: false).enumerated().map { index, table in
            let chart = report.chart(for: table.id, language: language).map { chart in
                figure += 1
                return chart.view(figure: figure, caption: Self.capitalized(chart.title))
            }
            return View.Section(
                numeral: index < Self.romanNumerals.count ? Self.romanNumerals[index] : "\(index + 1)",
                title: Self.capitalized(table.title),
                chart: chart,
                table: ReportTableHTML(table: table, keyColumns: 1).view(none: none)
            )
        }
    }

    private static func capitalized(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }

    private static let romanNumerals = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
}
