import Foundation
import WatchpostCore
import WatchpostNotify

/// A horizontal bar chart as inline SVG, for the printed report: one row per label with its
/// series grouped side by side or stacked, a legend, and every number written out, so it reads
/// in black and white. No script, no external font or image.
struct ReportBarChart {
    /// How a row's values are drawn.
    enum Layout {
        /// One bar per series, one under another.
        case grouped
        /// One bar of the series end to end, with the row's total after it.
        case stacked
    }

    /// One series: its legend and its colour.
    struct Series {
        var name: String
        var color: String
    }

    /// One row: its label and one value per series.
    struct Row {
        var label: String
        var values: [Int]
    }

    /// What the chart shows, for screen readers and as the tooltip.
    var title: String
    var layout: Layout
    var series: [Series]
    var rows: [Row]

    // The drawing's units: about 1 pt each once the chart is scaled to the text width.
    private static let width = 500.0
    private static let labelWidth = 170.0
    private static let barStart = 176.0
    private static let barSpace = 290.0
    private static let fontSize = 11.0
    private static let legendHeight = 22.0
    /// A label longer than this many characters is shortened; the tooltip keeps all of it.
    private static let labelLength = 32

    private var barHeight: Double { layout == .grouped ? 9 : 16 }
    private var rowHeight: Double { layout == .grouped ? Double(series.count) * (barHeight + 2) + 8 : barHeight + 10 }

    /// The `<svg>` element.
    var svg: String {
        let scale = Self.barSpace / Double(max(1, rows.flatMap(bars).map(\.end).max() ?? 1))
        let height = Self.legendHeight + Double(rows.count) * rowHeight + 4
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(Self.width) \(height)" \
            width="100%" role="img" font-size="\(Self.fontSize)">
            <title>\(HTML.escape(title))</title>
            \(legend)
            """
        for (index, row) in rows.enumerated() {
            out += self.row(row, top: Self.legendHeight + Double(index) * rowHeight, scale: scale)
        }
        let axisBottom = Self.format(height - 2)
        out += "<line x1=\"\(Self.barStart)\" y1=\"\(Self.legendHeight - 4)\" x2=\"\(Self.barStart)\" "
        out += "y2=\"\(axisBottom)\" stroke=\"#000\" stroke-width=\"0.6\"/>\n</svg>"
        return out
    }

    private var legend: String {
        var x = Self.barStart
        var out = ""
        for item in series {
            out += "<rect x=\"\(Self.format(x))\" y=\"4\" width=\"10\" height=\"10\" fill=\"\(item.color)\" "
            out += "stroke=\"#000\" stroke-width=\"0.4\"/>"
            out += "<text x=\"\(Self.format(x + 14))\" y=\"13\">\(HTML.escape(item.name))</text>\n"
            x += 24 + Double(item.name.count) * Self.fontSize * 0.5
        }
        return out
    }

    /// A bar of one series: where it starts and ends, in value units.
    private struct Bar {
        var series: Int
        var start: Int
        var end: Int
    }

    private func bars(_ row: Row) -> [Bar] {
        switch layout {
        case .grouped:
            return row.values.enumerated().map { Bar(series: $0, start: 0, end: $1) }
        case .stacked:
            var start = 0
            return row.values.enumerated().map { index, value in
                defer { start += value }
                return Bar(series: index, start: start, end: start + value)
            }
        }
    }

    private func row(_ row: Row, top: Double, scale: Double) -> String {
        let label =
            row.label.count > Self.labelLength ? String(row.label.prefix(Self.labelLength - 1)) + "…" : row.label
        let values = zip(series, row.values).map { "\($0.name): \($1)" }.joined(separator: ", ")
        var out = "<g><title>\(HTML.escape("\(row.label) — \(values)"))</title>\n"
        out += "<text x=\"\(Self.labelWidth)\" y=\"\(Self.format(top + rowHeight / 2))\" text-anchor=\"end\" "
        out += "dominant-baseline=\"middle\">\(HTML.escape(label))</text>\n"
        for bar in bars(row) {
            let y = layout == .grouped ? top + 4 + Double(bar.series) * (barHeight + 2) : top + 5
            let x = Self.barStart + Double(bar.start) * scale
            let width = Double(bar.end - bar.start) * scale
            if width > 0 {
                out += "<rect x=\"\(Self.format(x))\" y=\"\(Self.format(y))\" width=\"\(Self.format(width))\" "
                out += "height=\"\(barHeight)\" fill=\"\(series[bar.series].color)\"/>"
            }
            let middle = Self.format(y + barHeight / 2)
            switch layout {
            case .grouped:
                out += "<text x=\"\(Self.format(x + width + 3))\" y=\"\(middle)\" dominant-baseline=\"middle\" "
                out += "font-size=\"\(Self.fontSize - 1)\">\(bar.end)</text>\n"
            case .stacked where width >= 14:
                out += "<text x=\"\(Self.format(x + width / 2))\" y=\"\(middle)\" text-anchor=\"middle\" "
                out += "dominant-baseline=\"middle\" font-size=\"\(Self.fontSize - 1)\" fill=\"#fff\">"
                out += "\(bar.end - bar.start)</text>\n"
            case .stacked:
                break
            }
        }
        if layout == .stacked {
            let total = row.values.reduce(0, +)
            out += "<text x=\"\(Self.format(Self.barStart + Double(total) * scale + 4))\" "
            out += "y=\"\(Self.format(top + 5 + barHeight / 2))\" dominant-baseline=\"middle\" font-weight=\"bold\">"
            out += "\(total)</text>\n"
        }
        return out + "</g>\n"
    }

    private static func format(_ value: Double) -> String { String(format: "%.1f", value) }
}
