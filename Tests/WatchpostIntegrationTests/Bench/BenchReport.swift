import Foundation

/// The figures of one `scripts/bench` run, written as JSON and rendered as Markdown.
struct BenchReport: Codable, Sendable {
    /// Where and how it ran.
    struct Run: Codable, Sendable {
        var date: String
        var mode: String
        var command: String
        var commit: String
        var build: String
        var cpus: Int
        var cpuModel: String
        var memoryGB: Double
        var postgres: String
        var postgresSettings: String
    }

    struct Backlog: Codable, Sendable {
        var messages: Int
        var events: Int
        var duplicates: Int
        var invalid: Int
        var partitions: Int
        var batchSize: Int
    }

    /// A drain of the whole backlog by `workers` worker processes.
    struct Drain: Codable, Sendable {
        var workers: Int
        /// Parallel transactions per worker (`--lanes`); nil: the worker's default.
        var lanes: Int?
        /// From the first stored event's commit to the last commit.
        var seconds: Double
        var eventsPerSecond: Double
        /// Peak RSS of each worker, in MB.
        var peakRSSMB: [Double]
        /// Worker CPU (all workers) per 1 000 stored events, in seconds.
        var workerCPUSecondsPer1000: Double
        /// PostgreSQL's CPU (all its processes) per 1 000 stored events, in seconds.
        var postgresCPUSecondsPer1000: Double
    }

    struct Ceiling: Codable, Sendable {
        var seconds: Double
        var eventsPerSecond: Double
        /// Rows loaded per table.
        var rows: [String: Int]
    }

    struct Latency: Codable, Sendable {
        var offeredPerSecond: Int
        var seconds: Int
        /// The consumer's `fetch.wait.max.ms` if set for this run; nil: the worker's default.
        var fetchWaitMilliseconds: Int?
        var publishToCommitted: BenchPercentiles
    }

    struct Escalation: Codable, Sendable {
        var deadlines: Int
        var windowSeconds: Int
        var workers: Int
        /// The consumer's `fetch.wait.max.ms` if set for this run; nil: the worker's default.
        var fetchWaitMilliseconds: Int?
        var lateness: BenchPercentiles
    }

    var run: Run
    var backlog: Backlog
    var consumeOnly: Ceiling?
    var copy: Ceiling?
    var drains: [Drain] = []
    var latency: [Latency] = []
    var escalations: [Escalation] = []
    /// The statements that took the most time during the one-worker drain (pg_stat_statements).
    var topStatements: [String] = []

    /// One worker's throughput as a fraction of the COPY ceiling.
    var oneWorkerToCopy: Double? {
        ratio(drains.first { $0.workers == 1 && $0.lanes == nil }?.eventsPerSecond, copy?.eventsPerSecond)
    }
    /// One worker's throughput as a fraction of a bare consume.
    var oneWorkerToConsume: Double? {
        ratio(drains.first { $0.workers == 1 && $0.lanes == nil }?.eventsPerSecond, consumeOnly?.eventsPerSecond)
    }
    /// Two workers against one.
    var twoWorkersToOne: Double? {
        ratio(
            drains.first { $0.workers == 2 && $0.lanes == nil }?.eventsPerSecond,
            drains.first { $0.workers == 1 && $0.lanes == nil }?.eventsPerSecond
        )
    }

    private func ratio(_ numerator: Double?, _ denominator: Double?) -> Double? {
        guard let numerator, let denominator, denominator > 0 else { return nil }
        return numerator / denominator
    }

    /// The report as indented JSON, with the ratios.
    func json() throws -> String {
        struct Document: Encodable {
            var report: BenchReport
            var ratios: [String: Double]
            func encode(to encoder: any Encoder) throws {
                try report.encode(to: encoder)
                var container = encoder.container(keyedBy: Key.self)
                try container.encode(ratios, forKey: Key(stringValue: "ratios"))
            }
            struct Key: CodingKey {
                var stringValue: String
                var intValue: Int? { nil }
                init(stringValue: String) { self.stringValue = stringValue }
                init?(intValue: Int) { nil }
            }
        }
        var ratios: [String: Double] = [:]
        ratios["oneWorkerToCopy"] = oneWorkerToCopy
        ratios["oneWorkerToConsume"] = oneWorkerToConsume
        ratios["twoWorkersToOne"] = twoWorkersToOne
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf",
            negativeInfinity: "-inf",
            nan: "nan"
        )
        return String(decoding: try encoder.encode(Document(report: self, ratios: ratios)), as: UTF8.self)
    }

    /// The report as Markdown tables.
    func markdown() -> String {
        var lines: [String] = [
            "### \(run.date) · \(run.mode) · commit \(run.commit)",
            "",
            "- Machine: \(run.cpus) CPUs (\(run.cpuModel)), \(format(run.memoryGB, 1)) GB memory.",
            "- PostgreSQL: \(run.postgres); settings: \(run.postgresSettings).",
            "- Build: \(run.build). Command: `\(run.command)`.",
            "- Backlog: \(backlog.messages) messages in \(backlog.partitions) partitions: \(backlog.events) distinct events, "
                + "\(backlog.duplicates) sent twice, \(backlog.invalid) invalid. Batches of \(backlog.batchSize).",
            "",
            "| what | events/s | seconds | worker peak RSS (MB) | worker CPU s / 1 000 events | PostgreSQL CPU s / 1 000 events |",
            "| --- | ---: | ---: | ---: | ---: | ---: |",
        ]
        if let copy {
            lines.append(
                "| COPY of exactly the rows the worker wrote (one transaction) | \(format(copy.eventsPerSecond, 0)) | \(format(copy.seconds, 2)) | | | |"
            )
        }
        if let consumeOnly {
            lines.append(
                "| bare consume of the topic | \(format(consumeOnly.eventsPerSecond, 0)) | \(format(consumeOnly.seconds, 2)) | | | |"
            )
        }
        for drain in drains {
            lines.append(
                "| \(drain.workers) worker\(drain.workers == 1 ? "" : "s")\(drain.lanes.map { ", --lanes \($0)" } ?? "") | "
                    + "\(format(drain.eventsPerSecond, 0)) | "
                    + "\(format(drain.seconds, 2)) | \(drain.peakRSSMB.map { format($0, 0) }.joined(separator: ", ")) | "
                    + "\(format(drain.workerCPUSecondsPer1000, 3)) | \(format(drain.postgresCPUSecondsPer1000, 3)) |"
            )
        }
        lines += [
            "",
            "| ratio | value |",
            "| --- | ---: |",
            "| 1 worker / COPY ceiling | \(oneWorkerToCopy.map { format($0, 3) } ?? "–") |",
            "| 1 worker / bare consume | \(oneWorkerToConsume.map { format($0, 3) } ?? "–") |",
            "| 2 workers / 1 worker | \(twoWorkersToOne.map { format($0, 3) } ?? "–") |",
            "",
            "| latency | events | p50 ms | p99 ms | max ms |",
            "| --- | ---: | ---: | ---: | ---: |",
        ]
        for entry in latency {
            let p = entry.publishToCommitted
            lines.append(
                "| publish → committed at \(entry.offeredPerSecond) events/s for \(entry.seconds) s"
                    + "\(Self.fetchWaitNote(entry.fetchWaitMilliseconds)) | \(p.count) | "
                    + "\(format(p.p50Milliseconds, 1)) | \(format(p.p99Milliseconds, 1)) | \(format(p.maxMilliseconds, 1)) |"
            )
        }
        for escalation in escalations {
            let p = escalation.lateness
            lines.append(
                "| escalation committed after its deadline (\(escalation.deadlines) deadlines in \(escalation.windowSeconds) s, "
                    + "\(escalation.workers) workers)\(Self.fetchWaitNote(escalation.fetchWaitMilliseconds)) | \(p.count) | \(format(p.p50Milliseconds, 1)) | "
                    + "\(format(p.p99Milliseconds, 1)) | \(format(p.maxMilliseconds, 1)) |"
            )
        }
        if !topStatements.isEmpty {
            lines += [
                "", "Top statements of the one-worker drain (pg_stat_statements):", "",
                "| calls | total ms | mean ms | rows | statement |", "| ---: | ---: | ---: | ---: | --- |",
            ]
            lines += topStatements
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// ", fetch.wait.max.ms = N" when a run set the consumer's fetch wait; empty for the default.
    private static func fetchWaitNote(_ milliseconds: Int?) -> String {
        milliseconds.map { ", fetch.wait.max.ms = \($0)" } ?? ""
    }

    private func format(_ value: Double, _ digits: Int) -> String {
        value.isFinite ? String(format: "%.\(digits)f", value) : "–"
    }
}
