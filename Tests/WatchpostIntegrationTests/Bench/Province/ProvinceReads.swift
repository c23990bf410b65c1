import Foundation
import Logging
import Postgres
import Synchronization
import WatchpostAPI
import WatchpostCore
import WatchpostPresentation
import WatchpostStore

/// The read-side measurements of `scripts/bench --province` on a loaded province, each with its
/// budget (issue 31): the province's monthly report in every format, a commune's `/overview` and
/// `/overview/report`, "Việc của tôi", the incident page and `GET /v1/incidents` under 200
/// concurrent officers, and the yearly purge with the longest wait it caused a worker's batch.
enum ProvinceReads {
    /// One measured figure against its budget.
    struct Figure: Sendable, Codable {
        var name: String
        var budget: String
        var measured: String
        var met: Bool
        var note: String = ""
    }

    /// The province's report of the last full month of the year (November 2026), read, then
    /// rendered as Markdown, each CSV table, JSON and the HTML document in both languages; `runs`
    /// times, the slowest run reported. Budget: 2 s for all formats.
    static func monthlyReport(pool: PostgresPool, directory: Directory, runs: Int) async throws -> [Figure] {
        let scope = ReportScope(from: ReportScope.localDay("2026-11-01")!, to: ProvinceYear.end)
        var reads = ProvinceTimings()
        var all = ProvinceTimings()
        var incidents = 0
        for _ in 0..<runs {
            let started = ContinuousClock.now
            let report = try await PeriodReport.read(from: pool, scope: scope, now: ProvinceYear.end)
            reads.seconds.append(PipelineBenchmarkTests.seconds(ContinuousClock.now - started))
            var bytes = report.markdown.utf8.count + (try report.json()).count
            for table in ReportTable.ID.allCases { bytes += report.csv(table: table).count }
            let document = ReportDocument(report: report, directory: directory, number: nil, date: ProvinceYear.end)
            bytes += try document.html(in: .vi).utf8.count + (try document.html(in: .en)).utf8.count
            all.seconds.append(PipelineBenchmarkTests.seconds(ContinuousClock.now - started))
            incidents = report.totals.current
            precondition(bytes > 0)
        }
        return [
            Figure(
                name: "monthly report, province (read only)",
                budget: "—",
                measured: String(format: "%.0f ms (slowest of %d)", reads.max, runs),
                met: true,
                note: "\(incidents) incidents in November"
            ),
            Figure(
                name: "monthly report, province, all formats (md, 6 csv, json, html vi+en)",
                budget: "≤ 2 s",
                measured: String(format: "%.0f ms (slowest of %d)", all.max, runs),
                met: all.max <= 2_000
            ),
        ]
    }

    /// A commune's desk officer opening `/overview` and `/overview/report` `runs` times each, one
    /// request at a time. Budget: p99 ≤ 300 ms.
    static func overview(client: ProvinceClient, token: String, runs: Int) async throws -> [Figure] {
        var figures: [Figure] = []
        for path in ["/overview", "/overview/report"] {
            var timings = ProvinceTimings()
            for _ in 0..<runs {
                let answer = try await client.get(path, token: token)
                guard answer.status == 200 else { throw ProvinceFailure("GET \(path) answered \(answer.status)") }
                timings.seconds.append(answer.seconds)
            }
            figures.append(
                Figure(
                    name: "\(path), one commune's desk",
                    budget: "p99 ≤ 300 ms",
                    measured: String(format: "p50 %.0f ms, p99 %.0f ms (%d requests)", timings.p50, timings.p99, runs),
                    met: timings.p99 <= 300
                )
            )
        }
        return figures
    }

    /// `officers` heads of school, all at once, each requesting in turn "Việc của tôi" (`/me`),
    /// the page of one of their school's incidents, and `GET /v1/incidents?unit=…&status=…`,
    /// `rounds` times. Budget: p99 ≤ 100 ms for each.
    static func concurrentOfficers(
        client: ProvinceClient,
        officers: [(token: String, school: UnitID, incident: UUID)],
        rounds: Int
    ) async throws -> [Figure] {
        let paths: [(String, @Sendable (UnitID, UUID) -> String)] = [
            ("/me (Việc của tôi)", { _, _ in "/me" }),
            ("/incidents/{id}", { _, incident in "/incidents/\(incident.canonicalString)" }),
            (
                "GET /v1/incidents?unit=…&status=resolved",
                { school, _ in "/v1/incidents?unit=\(school)&status=resolved" }
            ),
        ]
        var timings = Array(repeating: ProvinceTimings(), count: paths.count)
        let started = ContinuousClock.now
        try await withThrowingTaskGroup(of: [[Double]].self) { group in
            for officer in officers {
                group.addTask {
                    var mine = Array(repeating: [Double](), count: paths.count)
                    for _ in 0..<rounds {
                        for (index, path) in paths.enumerated() {
                            let uri = path.1(officer.school, officer.incident)
                            let answer = try await client.get(uri, token: officer.token)
                            guard answer.status == 200 else {
                                throw ProvinceFailure("GET \(uri) answered \(answer.status)")
                            }
                            mine[index].append(answer.seconds)
                        }
                    }
                    return mine
                }
            }
            for try await mine in group {
                for index in mine.indices { timings[index].seconds += mine[index] }
            }
        }
        let elapsed = PipelineBenchmarkTests.seconds(ContinuousClock.now - started)
        let requests = timings.reduce(0) { $0 + $1.count }
        return paths.indices.map { index in
            Figure(
                name: "\(paths[index].0), \(officers.count) concurrent officers",
                budget: "p99 ≤ 100 ms",
                measured: String(
                    format: "p50 %.0f ms, p99 %.0f ms, max %.0f ms (%d requests)",
                    timings[index].p50,
                    timings[index].p99,
                    timings[index].max,
                    timings[index].count
                ),
                met: timings[index].p99 <= 100,
                note: index == 0 ? String(format: "%.0f requests/s overall", Double(requests) / elapsed) : ""
            )
        }
    }

    /// The purge a year after the year ends, with the shipped periods (student details 1 year,
    /// others 2 years), while a probe applies a one-event batch every 100 ms as a worker would:
    /// the longest probe is the longest a worker's batch was held up. Budget: it finishes, and
    /// holds no worker for more than a second.
    static func purge(pool: PostgresPool, directory: Directory, policy: Policy) async throws -> [Figure] {
        let store = EventStore(pool: pool, directory: directory, policy: policy, logger: StoreTestDatabase.logger)
        let school = directory.schools[0].id
        let probe = ProbeLoop(store: store, school: school)
        let baseline = try await probe.run(count: 20)
        let retention = RetentionStore(pool: pool, logger: StoreTestDatabase.logger)
        let now = ProvinceYear.end.addingTimeInterval(365 * 86_400)
        let started = ContinuousClock.now
        let (run, during) = try await withThrowingTaskGroup(of: (PurgeRun?, ProvinceTimings?).self) { group in
            let stop = ProbeStop()
            group.addTask {
                defer { stop.set() }
                let run = try await retention.purge(
                    period: RetentionPeriod(count: 1, unit: .years),
                    otherPeriod: RetentionPeriod(count: 2, unit: .years),
                    now: now,
                    trigger: .cli,
                    runBy: "province bench"
                )
                return (run, nil)
            }
            group.addTask { (nil, try await probe.run(until: stop)) }
            var run: PurgeRun?
            var during = ProvinceTimings()
            for try await (finished, timings) in group {
                if let finished { run = finished }
                if let timings { during = timings }
            }
            return (run, during)
        }
        let seconds = PipelineBenchmarkTests.seconds(ContinuousClock.now - started)
        let counts = run.map { "\($0.counts)" } ?? "did not run"
        return [
            Figure(
                name: "yearly purge (1y student details, 2y others), a year after",
                budget: "finishes",
                measured: String(format: "%.1f s", seconds),
                met: run != nil,
                note: counts
            ),
            Figure(
                name: "longest one-event worker batch during the purge",
                budget: "≤ 1 s",
                measured: String(
                    format: "max %.0f ms over %d batches (before the purge: max %.0f ms)",
                    during.max,
                    during.count,
                    baseline.max
                ),
                met: during.max <= 1_000
            ),
        ]
    }
}

/// Applies one new report at a time to `school`, as a worker's smallest batch, timing each.
struct ProbeLoop: Sendable {
    let store: EventStore
    let school: UnitID

    func run(count: Int) async throws -> ProvinceTimings {
        var timings = ProvinceTimings()
        for _ in 0..<count { timings.seconds.append(try await once()) }
        return timings
    }

    func run(until stop: ProbeStop) async throws -> ProvinceTimings {
        var timings = ProvinceTimings()
        while !stop.isSet {
            timings.seconds.append(try await once())
            try await Task.sleep(for: .milliseconds(100))
        }
        return timings
    }

    private func once() async throws -> Double {
        let url = "https://www.facebook.com/posts/probe-\(UUID().uuidString.lowercased())"
        let event = Event(
            eventID: UUID(),
            incidentID: UUID(),
            occurredAt: Date(),
            source: ProvinceYear.tool,
            unitID: school,
            payload: .reported(
                IncidentReported(
                    platform: .facebook,
                    urls: [url],
                    category: .other,
                    severity: .low,
                    subjects: [.teacher],
                    summary: "Bài đăng thăm dò",
                    dedupKey: DedupKey.defaultKey(forFirstURL: url)
                )
            )
        )
        let started = ContinuousClock.now
        _ = try await store.applyBatch(
            StoreFixture.inbound([event], partition: 7, from: Int64.random(in: 0..<(1 << 40))),
            rejected: [],
            now: Date()
        )
        return PipelineBenchmarkTests.seconds(ContinuousClock.now - started)
    }
}

/// Set once when the probe should stop, read from any task.
final class ProbeStop: Sendable {
    private let value = Atomic<Bool>(false)
    func set() { value.store(true, ordering: .releasing) }
    var isSet: Bool { value.load(ordering: .acquiring) }
}

/// A benchmark step that could not be measured.
struct ProvinceFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
