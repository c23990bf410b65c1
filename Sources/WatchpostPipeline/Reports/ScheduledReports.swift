import Foundation
import Logging
import Postgres
import WatchpostCore
import WatchpostPresentation
import WatchpostStore

/// Produces the periodic reports the policy schedules: for each cadence, the last period that
/// ended (and settled), for each reporting authority, once, and queues it to the recipients
/// the policy names. Any number of workers may call `produceDue` at once: `ReportRunStore`
/// lets exactly one of them produce each report.
public struct ScheduledReports: Sendable {
    let pool: PostgresPool
    let store: ReportRunStore
    let directory: Directory
    let schedule: ReportSchedule
    /// Who produces, recorded with each run (`worker:host:pid`).
    let producedBy: String
    let logger: Logger

    /// Creates a producer on `pool`.
    public init(pool: PostgresPool, directory: Directory, schedule: ReportSchedule, producedBy: String, logger: Logger)
    {
        self.pool = pool
        self.store = ReportRunStore(pool: pool, logger: logger)
        self.directory = directory
        self.schedule = schedule
        self.producedBy = producedBy
        self.logger = logger
    }

    /// Produces every report due at `now` that no worker has produced yet, for periods that
    /// ended at least `settle` ago and after the authority joined the directory (a fresh
    /// install reports nothing for the weeks and months before it); returns the keys this call
    /// produced.
    @discardableResult
    public func produceDue(now: Date, settle: Duration) async throws -> [ReportRunKey] {
        var produced: [ReportRunKey] = []
        let settled = now.addingTimeInterval(-DeadlineDuration.seconds(settle))
        let authorities = directory.reportingAuthorities
        let joined = try await store.joinedAt(authorities.map(\.authority.id))
        for cadence in schedule.cadences {
            let period = cadence.lastCompletedPeriod(at: settled)
            for (authority, scoped) in authorities {
                // Only periods that were still running when the authority joined Watchpost.
                guard let since = joined[authority.id], period.to > since else { continue }
                let key = ReportRunKey(cadence: cadence, authorityID: authority.id, from: period.from, to: period.to)
                if try await store.exists(key) { continue }
                if try await produce(key, scoped: scoped, now: now) { produced.append(key) }
            }
        }
        return produced
    }

    private func produce(_ key: ReportRunKey, scoped: Bool, now: Date) async throws -> Bool {
        let scope = ReportScope(from: key.from, to: key.to, authorityID: scoped ? key.authorityID : nil)
        let report = try await PeriodReport.read(from: pool, scope: scope, now: now)
        let recipients = self.recipients(key)
        let figures = try report.json()
        let directory = self.directory
        let text = ScheduledReportText(report: report, key: key, directory: directory)
        let made = try await store.insert(
            key,
            year: LocalTime.year(of: now),
            now: now,
            producedBy: producedBy,
            recipients: recipients
        ) { number in
            // The document's number is the clerk's register's, so it stays blank (a draft);
            // Watchpost's own yearly count is only a reference to this run.
            let document = ReportDocument(report: report, directory: directory, cadence: key.cadence, date: now)
            let reference = "\(number)/\(LocalTime.year(of: now))"
            return (reference, text.content(reference: reference, html: try document.html, figures: figures))
        }
        return made != nil
    }

    /// The officers the policy names for the key's cadence, each once, in the policy's order.
    func recipients(_ key: ReportRunKey) -> [Officer] {
        var seen: Set<OfficerID> = []
        return (schedule.recipients[key.cadence] ?? []).flatMap { relation in
            directory.officers(relation, ofAuthority: key.authorityID)
        }.filter { seen.insert($0.id).inserted }
    }
}
