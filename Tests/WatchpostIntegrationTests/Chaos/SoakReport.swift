import Foundation

/// One sample of the soak, taken every ten seconds.
struct SoakSample: Sendable {
    /// Seconds since the soak started.
    var elapsed: Double
    /// Each worker's resident memory, in bytes.
    var rss: [Int]
    /// Each worker's open files and sockets.
    var openFiles: [Int]
    /// PostgreSQL sessions on the soak's database.
    var connections: Int
    /// Events published and not yet stored.
    var backlog: Int
    /// The largest publish-to-stored latency among the probes stored since the last sample, in
    /// seconds (``SoakProbes``).
    var latency: Double
    /// The slowest `/readyz` answer of the API since the last sample, in milliseconds.
    var apiMilliseconds: Double
}

/// The soak's figures: a one-line summary, the growth that counts as a leak, and an SVG plot of
/// every series.
struct SoakReport {
    var samples: [SoakSample]
    var rate: Int

    /// The mean of a series over the first and the last third of the run, after a warm-up third.
    private func thirds(_ value: (SoakSample) -> Double) -> (warm: Double, last: Double) {
        let third = max(1, samples.count / 3)
        let warm = samples.dropFirst(third).prefix(third).map(value)
        let last = samples.suffix(third).map(value)
        func mean(_ values: some Collection<Double>) -> Double {
            values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
        }
        return (mean(warm), mean(last))
    }

    /// What grew beyond a warm-up: memory by more than 20 % and 16 MB, open files by more than
    /// 16, connections by more than 4, the publish-to-stored latency to more than three times
    /// its warm level and 2 s, the API's answer to more than three times and 100 ms, the backlog
    /// beyond ten seconds of events.
    var growth: [String] {
        var problems: [String] = []
        for index in samples.first?.rss.indices ?? 0..<0 {
            let rss = thirds { Double($0.rss[index]) }
            if rss.last > rss.warm * 1.2 + 16_000_000 {
                problems.append(
                    "worker \(index + 1) memory \(Int(rss.warm / 1_000_000)) → \(Int(rss.last / 1_000_000)) MB"
                )
            }
            let files = thirds { Double($0.openFiles[index]) }
            if files.last > files.warm + 16 {
                problems.append("worker \(index + 1) open files \(files.warm) → \(files.last)")
            }
        }
        let connections = thirds { Double($0.connections) }
        if connections.last > connections.warm + 4 {
            problems.append("connections \(connections.warm) → \(connections.last)")
        }
        let latency = thirds(\.latency)
        if latency.last > latency.warm * 3 + 2 {
            problems.append(String(format: "publish-to-stored latency %.2f → %.2f s", latency.warm, latency.last))
        }
        let api = thirds(\.apiMilliseconds)
        if api.last > api.warm * 3 + 100 {
            problems.append(String(format: "API answer %.0f → %.0f ms", api.warm, api.last))
        }
        if let last = samples.last, last.backlog > rate * 10 {
            problems.append("backlog \(last.backlog) events at the end")
        }
        return problems
    }

    private static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }

    var summary: String {
        let minutes = Int((samples.last?.elapsed ?? 0) / 60)
        let rss = samples.flatMap(\.rss).max() ?? 0
        let files = samples.flatMap(\.openFiles).max() ?? 0
        let connections = samples.map(\.connections).max() ?? 0
        let backlog = samples.map(\.backlog).max() ?? 0
        let latency = samples.map(\.latency).max() ?? 0
        let median = Self.median(samples.map(\.latency))
        let api = samples.map(\.apiMilliseconds).max() ?? 0
        return
            "soak: \(minutes) min at \(rate) events/s, 2 workers and the API; peak worker RSS \(rss / 1_000_000) MB, "
            + "peak open files \(files), peak PostgreSQL sessions \(connections), largest backlog \(backlog) events "
            + "(\(String(format: "%.1f", Double(backlog) / Double(rate))) s of input); publish-to-stored latency "
            + String(format: "median %.2f s, peak %.2f s; slowest API answer %.0f ms", median, latency, api)
            + "; growth: "
            + (growth.isEmpty ? "none" : growth.joined(separator: "; "))
    }

    /// Six small line charts, one above the other: memory, open files, connections, backlog,
    /// latency and the API's answer.
    var svg: String {
        let width = 720.0
        let height = 140.0
        let series: [(String, [[Double]])] = [
            (
                "Bộ nhớ mỗi worker (worker RSS, MB)",
                (samples.first?.rss.indices ?? 0..<0).map { i in samples.map { Double($0.rss[i]) / 1_000_000 } }
            ),
            (
                "Tệp đang mở mỗi worker (open files)",
                (samples.first?.openFiles.indices ?? 0..<0).map { i in samples.map { Double($0.openFiles[i]) } }
            ),
            ("Kết nối PostgreSQL (PostgreSQL sessions)", [samples.map { Double($0.connections) }]),
            ("Sự kiện chờ lưu (backlog, events)", [samples.map { Double($0.backlog) }]),
            ("Độ trễ từ gửi đến lưu (publish-to-stored latency, ms)", [samples.map { $0.latency * 1_000 }]),
            ("Thời gian API trả lời /readyz (API answer, ms)", [samples.map(\.apiMilliseconds)]),
        ]
        let colours = ["#1f4e79", "#c0504d"]
        var out =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height) * series.count)\" font-family=\"sans-serif\" font-size=\"12\">\n"
        for (row, (title, lines)) in series.enumerated() {
            let top = Double(row) * height
            let peak = max(1, lines.flatMap { $0 }.max() ?? 1)
            let span = max(1, samples.last?.elapsed ?? 1)
            out += "<text x=\"50\" y=\"\(Int(top) + 16)\">\(title) — max \(Int(peak.rounded()))</text>\n"
            out +=
                "<line x1=\"50\" y1=\"\(Int(top) + 120)\" x2=\"\(Int(width) - 10)\" y2=\"\(Int(top) + 120)\" stroke=\"#888\"/>\n"
            for (index, values) in lines.enumerated() {
                let points = zip(samples, values).map { sample, value in
                    let x = 50 + (width - 60) * sample.elapsed / span
                    let y = top + 120 - 95 * value / peak
                    return String(format: "%.1f,%.1f", x, y)
                }
                out +=
                    "<polyline fill=\"none\" stroke=\"\(colours[index % colours.count])\" stroke-width=\"1.5\" points=\"\(points.joined(separator: " "))\"/>\n"
            }
        }
        return out + "</svg>\n"
    }
}
