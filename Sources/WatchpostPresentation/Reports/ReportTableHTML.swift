import WatchpostCore
import WatchpostNotify

/// A `ReportTable` as HTML tables (`report-table.mustache`) that fit the width of an A4 page: a table with more columns than
/// fit is cut into parts, each repeating the leading columns that say whose row it is.
struct ReportTableHTML {
    var table: ReportTable
    /// How many leading columns (the id and the name, or the name alone) each part repeats.
    var keyColumns = 2

    /// At most this many columns in one part.
    static let maxColumns = 9

    /// What `report-table.mustache` shows: `none` when there are no rows, else the parts and the
    /// note under them.
    struct View {
        struct Part {
            let continued: Bool
            let headers: [String]
            let rows: [Row]
        }

        struct Row {
            let cells: [Cell]
        }

        struct Cell {
            let text: String
            let figure: Bool
        }

        let none: String?
        let parts: [Part]
        let note: String?
    }

    /// The table and its note, or `none` when it has no rows.
    func view(none: String) -> View {
        guard !table.rows.isEmpty else { return View(none: none, parts: [], note: nil) }
        return View(
            none: nil,
            parts: parts.enumerated().map { index, columns in
                View.Part(
                    continued: index > 0,
                    headers: columns.map { table.headers[$0] },
                    rows: table.rows.map { row in
                        View.Row(
                            cells: columns.map { column in
                                let cell = column < row.count ? row[column] : ""
                                let figure = !table.textColumns.contains(column) && Self.isFigure(cell)
                                return View.Cell(text: cell, figure: figure)
                            }
                        )
                    }
                )
            },
            note: table.note
        )
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

    /// A count, a change or a duration, aligned right: it starts with a digit, a sign or a dash.
    private static func isFigure(_ cell: String) -> Bool {
        guard let first = cell.first else { return false }
        return first.isNumber || ((first == "+" || first == "-") && cell.count > 1) || cell == "—"
    }
}
