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

    /// What `report-chart.mustache` draws, every number already written out.
    struct View {
        struct LegendItem {
            let x: String
            let textX: String
            let color: String
            let name: String
        }

        struct Row {
            let tooltip: String
            let labelX: String
            let labelY: String
            let label: String
            let bars: [BarView]
            let total: Text?
        }

        struct BarView {
            let rect: Rect?
            let value: Text?
        }

        struct Rect {
            let x: String
            let y: String
            let width: String
            let height: String
            let color: String
        }

        struct Text {
            let x: String
            let y: String
            let text: String
            let fontSize: String
            let centred: Bool
        }

        let width: String
        let height: String
        let fontSize: String
        let title: String
        let legend: [LegendItem]
        let rows: [Row]
        let axisX: String
        let axisTop: String
        let axisBottom: String
        /// The figure's number in the document and its caption.
        let figure: Int
        let caption: String
    }

    /// The chart as figure `figure` of a document, captioned `caption`.
    func view(figure: Int, caption: String) -> View {
        let scale = Self.barSpace / Double(max(1, rows.flatMap(bars).map(\.end).max() ?? 1))
        let height = Self.legendHeight + Double(rows.count) * rowHeight + 4
        return View(
            width: "\(Self.width)",
            height: "\(height)",
            fontSize: "\(Self.fontSize)",
            title: title,
            legend: legend,
            rows: rows.enumerated().map { index, row in
                self.row(row, top: Self.legendHeight + Double(index) * rowHeight, scale: scale)
            },
            axisX: "\(Self.barStart)",
            axisTop: "\(Self.legendHeight - 4)",
            axisBottom: Self.format(height - 2),
            figure: figure,
            caption: caption
        )
    }

    private var legend: [View.LegendItem] {
        var x = Self.barStart
        return series.map { item in
            defer { x += 24 + Double(item.name.count) * Self.fontSize * 0.5 }
            return View.LegendItem(x: Self.format(x), textX: Self.format(x + 14), color: item.color, name: item.name)
        }
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

    private func row(_ row: Row, top: Double, scale: Double) -> View.Row {
        let label =
            row.label.count > Self.labelLength ? String(row.label.prefix(Self.labelLength - 1)) + "…" : row.label
        let values = zip(series, row.values).map { "\($0.name): \($1)" }.joined(separator: ", ")
        let valueSize = "\(Self.fontSize - 1)"
        let bars = bars(row).map { bar in
            let y = layout == .grouped ? top + 4 + Double(bar.series) * (barHeight + 2) : top + 5
            let x = Self.barStart + Double(bar.start) * scale
            let width = Double(bar.end - bar.start) * scale
            let rect =
                width > 0
                ? View.Rect(
                    x: Self.format(x),
                    y: Self.format(y),
                    width: Self.format(width),
                    height: "\(barHeight)",
                    color: series[bar.series].color
                ) : nil
            let middle = Self.format(y + barHeight / 2)
            let value: View.Text? =
                switch layout {
                case .grouped:
                    View.Text(
                        x: Self.format(x + width + 3),
                        y: middle,
                        text: "\(bar.end)",
                        fontSize: valueSize,
                        centred: false
                    )
                case .stacked where width >= 14:
                    View.Text(
                        x: Self.format(x + width / 2),
                        y: middle,
                        text: "\(bar.end - bar.start)",
                        fontSize: valueSize,
                        centred: true
                    )
                case .stacked: nil
                }
            return View.BarView(rect: rect, value: value)
        }
        let total = row.values.reduce(0, +)
        return View.Row(
            tooltip: "\(row.label) — \(values)",
            labelX: "\(Self.labelWidth)",
            labelY: Self.format(top + rowHeight / 2),
            label: label,
            bars: bars,
            total: layout == .stacked
                ? View.Text(
                    x: Self.format(Self.barStart + Double(total) * scale + 4),
                    y: Self.format(top + 5 + barHeight / 2),
                    text: "\(total)",
                    fontSize: "",
                    centred: false
                ) : nil
        )
    }

    private static func format(_ value: Double) -> String { String(format: "%.1f", value) }
}
