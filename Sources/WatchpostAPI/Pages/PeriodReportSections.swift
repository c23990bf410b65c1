import Foundation
import WatchpostCore
import WatchpostPresentation
import WatchpostStore

/// The HTML of the period report page: the quick choices of period, the period form, then the
/// report's heading lines and every table of `PeriodReport.tables(durations: .text)`. Each table
/// scrolls inside its own wrapper on a phone; the page itself never scrolls sideways.
struct PeriodReportSections {
    let locale: DisplayLocale
    /// The period asked for, as typed.
    let period: ReportPeriod
    let now: Date

    /// The page with `report`.
    func body(report: PeriodReport) -> String {
        var html = lead() + quickChoices() + form(ReportPeriodProblems())
        html += "<h2>\(locale.text("Kỳ báo cáo", "Period"))</h2><ul class=\"report-heading\">"
        html += report.headingLines.map { "<li>\(HTML.escape($0))</li>" }.joined()
        html += "</ul>"
        for (index, table) in report.tables(durations: .text).enumerated() {
            html += self.table(table, id: "report-table-\(index + 1)")
        }
        return html
    }

    /// The page with the form and what is wrong with it, and no report.
    func body(problems: ReportPeriodProblems) -> String {
        let messages = [("from", problems.from), ("to", problems.to)].compactMap { field, message in
            message.map { "<li><a href=\"#\(field)\">\(HTML.escape($0))</a></li>" }
        }
        let alert = """
            <div class="notice error" role="alert"><p><strong>\(locale.text(
                "Chưa lập được báo cáo: đề nghị sửa ngày.",
                "The report was not made: correct the dates."))</strong></p><ul>\(messages.joined())</ul></div>
            """
        return lead() + alert + quickChoices() + form(problems)
    }

    private func lead() -> String {
        let text = locale.text(
            "Số liệu của kỳ: sự việc, thời gian xác nhận và gỡ bỏ, nhiệm vụ đúng hạn và quá hạn theo trường và theo hiệu trưởng, số lần báo cáo cấp trên và trao đổi với Công an. Giờ Việt Nam.",
            "The period's figures: incidents, time to acknowledge and to take down, deadlines met and missed per school and per head, escalations and police referrals. Vietnam time."
        )
        return "<p class=\"lead\">\(HTML.escape(text))</p>"
    }

    private func quickChoices() -> String {
        Self.quickChoices(now: now, locale: locale, current: period)
    }

    /// Links to the report of last month, this month and last week (weeks from Monday), for
    /// this page and the overview; the one for `current` is marked as the current page.
    static func quickChoices(now: Date, locale: DisplayLocale, current: ReportPeriod?) -> String {
        let choices = [
            (ReportPeriod.lastMonth(before: now), locale.text("Tháng trước", "Last month")),
            (ReportPeriod.thisMonth(at: now), locale.text("Tháng này", "This month")),
            (ReportPeriod.lastWeek(before: now), locale.text("Tuần trước", "Last week")),
        ]
        let items = choices.map { choice, label in
            let mark = choice == current ? " aria-current=\"page\"" : ""
            return
                "<li><a class=\"button secondary\" href=\"\(HTML.escape(choice.path))\"\(mark)>\(HTML.escape(label))</a></li>"
        }
        let name = locale.text("Chọn nhanh kỳ báo cáo", "Quick periods")
        return
            "<nav aria-label=\"\(HTML.escape(name))\"><ul class=\"actions quick-periods\">\(items.joined())</ul></nav>"
    }

    private func form(_ problems: ReportPeriodProblems) -> String {
        var html = "<form method=\"get\" action=\"\(PeriodReportPage.path)\" class=\"period-form\" novalidate>"
        html += PageFields.text(
            .init(
                name: "from",
                label: locale.text("Từ ngày", "From"),
                hint: locale.text("Ngày đầu tiên của kỳ.", "The first day of the period."),
                error: problems.from
            ),
            value: period.from,
            type: "date"
        )
        html += PageFields.text(
            .init(
                name: "to",
                label: locale.text("Đến trước ngày", "Until (not included)"),
                hint: locale.text(
                    "Kỳ báo cáo kết thúc lúc 0 giờ ngày này (không tính ngày này).",
                    "The period ends at midnight at the start of this day (the day is not included)."
                ),
                error: problems.to
            ),
            value: period.to,
            type: "date"
        )
        html +=
            "<div class=\"actions\"><button type=\"submit\">\(locale.text("Xem báo cáo", "Show the report"))</button></div>"
        return html + "</form>"
    }

    /// One table: its title as caption, header cells for columns and for each row's first
    /// cell, "Không có (none)" when it has no row. The wrapper is a labelled region a keyboard can
    /// focus to scroll it.
    private func table(_ table: ReportTable, id: String) -> String {
        var html = "<div class=\"table-wrap\" role=\"region\" aria-labelledby=\"\(id)\" tabindex=\"0\">"
        html += "<table class=\"report\"><caption id=\"\(id)\">\(HTML.escape(table.title))</caption><thead><tr>"
        html += table.headers.map { "<th scope=\"col\">\(HTML.escape($0))</th>" }.joined()
        html += "</tr></thead><tbody>"
        if table.rows.isEmpty {
            // The tables are Vietnamese with English in parentheses whatever the page's language.
            html += "<tr><td colspan=\"\(table.headers.count)\">Không có (none)</td></tr>"
        }
        for row in table.rows {
            html += "<tr>"
            for (index, cell) in row.enumerated() {
                let number = Int(cell) != nil ? " class=\"number\"" : ""
                html +=
                    index == 0
                    ? "<th scope=\"row\">\(HTML.escape(cell))</th>" : "<td\(number)>\(HTML.escape(cell))</td>"
            }
            html += "</tr>"
        }
        return html + "</tbody></table></div>"
    }
}
