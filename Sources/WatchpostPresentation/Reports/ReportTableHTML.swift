import WatchpostCore
import WatchpostNotify

/// A `ReportTable` as HTML tables that fit the width of an A4 page: a table with more columns than
/// fit is cut into parts, each repeating the leading columns that say whose row it is.
struct ReportTableHTML {
    var table: ReportTable
    /// How many leading columns (the id and the name, or the name alone) each part repeats.
    var keyColumns = 2

    /// At most this many columns in one part.
    static let maxColumns = 9

    /// The table, or `none` when it has no rows.
    func html(none: String = "Không có (none).") -> String {
        guard !table.rows.isEmpty else { return "<p class=\"none\">\(HTML.escape(none))</p>\n" }
        return parts.enumerated().map { index, columns in
            (index > 0 ? "<p class=\"continued\">(tiếp theo)</p>\n" : "") + part(columns)
        }.joined()
    }

    /// The column indexes of each part.
    private var parts: [[Int]] {
        let count = table.headers.count
        guard count > Self.maxColumns else { return [Array(0..<count)] }
        let keys = Array(0..<keyColumns)
        let rest = Array(keyColumns..<count)
        let size = Self.maxColumns - keyColumns
        let partCount = (rest.count + size - 1) / size
        // Even parts, so the last is not a stub.
        let even = (rest.count + partCount - 1) / partCount
        return stride(from: 0, to: rest.count, by: even).map { keys + rest[$0..<min($0 + even, rest.count)] }
    }

    private func part(_ columns: [Int]) -> String {
        var out = "<table class=\"figures\">\n<thead><tr>"
        out += columns.map { "<th scope=\"col\">\(HTML.escape(table.headers[$0]))</th>" }.joined()
        out += "</tr></thead>\n<tbody>\n"
        for row in table.rows {
            out += "<tr>"
            out += columns.map { column in
                let cell = column < row.count ? row[column] : ""
                return Self.isFigure(cell)
                    ? "<td class=\"num\">\(HTML.escape(cell))</td>" : "<td>\(HTML.escape(cell))</td>"
            }.joined()
            out += "</tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    /// A count, a change or a duration, aligned right: it starts with a digit, a sign or a dash.
    private static func isFigure(_ cell: String) -> Bool {
        guard let first = cell.first else { return false }
        return first.isNumber || ((first == "+" || first == "-") && cell.count > 1) || cell == "—"
    }
}
