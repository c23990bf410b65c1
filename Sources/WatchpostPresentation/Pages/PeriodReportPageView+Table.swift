extension PeriodReportPageView {
    /// One table of the period report (`period-report-table.mustache`): its title as caption,
    /// header cells for the columns and for each row's first cell, "Không có (none)" when it has
    /// no row, and its note under it. The wrapper is a labelled region a keyboard can focus to scroll it, so the page
    /// itself never scrolls sideways on a phone.
    struct Table: Sendable {
        /// A table without rows: the one cell spans every column.
        struct Empty: Sendable {
            let columns: Int
        }

        /// One row.
        struct Row: Sendable {
            let cells: [Cell]
        }

        /// One cell: the first of a row is its header; a whole number is aligned as a number.
        struct Cell: Sendable {
            let text: String
            let rowHeader: Bool
            let number: Bool
        }

        let id: String
        let title: String
        let headers: [String]
        let empty: Empty?
        let rows: [Row]
        let note: String?

        /// `table`, its caption identified by `id`.
        init(_ table: ReportTable, id: String) {
            self.id = id
            title = table.title
            headers = table.headers
            empty = table.rows.isEmpty ? Empty(columns: table.headers.count) : nil
            note = table.note
            rows = table.rows.map { row in
                Row(
                    cells: row.enumerated().map { index, cell in
                        Cell(text: cell, rowHeader: index == 0, number: Int(cell) != nil)
                    }
                )
            }
        }
    }
}
