import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// CPU time and peak memory of processes, read from `/proc` (Linux).
enum BenchProcess {
    /// What one process has used so far.
    struct Usage: Sendable {
        /// User plus system CPU time, in seconds.
        var cpuSeconds: Double
        /// Peak resident set size (`VmHWM`), in bytes.
        var peakRSS: Int
    }

    /// The usage of the running process `pid`, or nil if it is gone.
    static func usage(of pid: Int32) -> Usage? {
        guard let fields = statFields(pid), fields.count > 12,
            let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        else { return nil }
        let peak = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }
            .flatMap { line in line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first }
            .flatMap { Int($0) }
        return Usage(cpuSeconds: ticks(fields, 11, 12), peakRSS: (peak ?? 0) * 1024)
    }

    /// The resident set size of `pid` now (`VmRSS`), in bytes, or nil if it is gone.
    static func currentRSS(of pid: Int32) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        return status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") }
            .flatMap { line in line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first }
            .flatMap { Int($0) }
            .map { $0 * 1024 }
    }

    /// How many files (sockets, pipes, files) `pid` holds open now, or nil if it is gone.
    static func openFiles(of pid: Int32) -> Int? {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd"))?.count
    }

    /// CPU seconds used by the PostgreSQL server of `dataDirectory` so far: the postmaster, its
    /// live children (backends, WAL writer, checkpointer, autovacuum), and the children it has
    /// already reaped.
    static func postgresCPUSeconds(dataDirectory: String) -> Double? {
        guard let text = try? String(contentsOfFile: dataDirectory + "/postmaster.pid", encoding: .utf8),
            let line = text.split(separator: "\n").first, let postmaster = Int32(line),
            let own = statFields(postmaster)
        else { return nil }
        var total = ticks(own, 11, 12, 13, 14)
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for entry in entries {
            guard let pid = Int32(entry), let fields = statFields(pid), fields.count > 12,
                Int32(fields[1]) == postmaster
            else { continue }
            total += ticks(fields, 11, 12)
        }
        return total
    }

    /// The fields of `/proc/PID/stat` after the command name: index 0 is the state (field 3 of
    /// proc(5)), so field N is at index N − 3.
    private static func statFields(_ pid: Int32) -> [Substring]? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = text.lastIndex(of: ")")
        else { return nil }
        return text[text.index(after: close)...].split(separator: " ", omittingEmptySubsequences: true)
    }

    private static func ticks(_ fields: [Substring], _ indices: Int...) -> Double {
        let perSecond = Double(sysconf(Int32(_SC_CLK_TCK)))
        return indices.reduce(0) { $0 + (Double(fields[$1]) ?? 0) } / perSecond
    }
}

/// Percentiles of a set of durations (nearest rank).
struct BenchPercentiles: Codable, Sendable {
    var count: Int
    var p50Milliseconds: Double
    var p99Milliseconds: Double
    var maxMilliseconds: Double

    init(seconds: [Double]) {
        let sorted = seconds.sorted()
        func rank(_ fraction: Double) -> Double {
            guard !sorted.isEmpty else { return .nan }
            let index = Int((fraction * Double(sorted.count)).rounded(.up)) - 1
            return sorted[min(max(index, 0), sorted.count - 1)] * 1000
        }
        count = sorted.count
        p50Milliseconds = rank(0.5)
        p99Milliseconds = rank(0.99)
        maxMilliseconds = rank(1)
    }
}
