import Foundation
import Postgres
import Testing
import WatchpostCore
import WatchpostStore

/// The per-head report and absences (issue 29): what a delegate owed while the head was away
/// counts for the delegate, never for the absent head.
@Suite(.timeLimit(.minutes(5)))
struct DelegatedReportTests {
    @Test func obligationsADelegateOwedCountForTheDelegateNeverForTheAbsentHead() async throws {
        let text = try String(
            contentsOf: PipelinePaths.config.appendingPathComponent("directory.yaml"),
            encoding: .utf8
        )
        let line = "  - id: ht-thcs-binh-son\n"
        let absence =
            "    absences:\n      - { from: 2026-11-28, to: 2026-11-30, delegate: pht-thcs-binh-son, reason: \"Nghỉ phép\" }\n"
        let directory = try Directory.load(
            yaml: text.replacingOccurrences(of: line, with: line + absence),
            file: "d.yaml"
        )
        try await StoreTestDatabase.with(directory: directory) { pool in
            let store = EventStore(
                pool: pool,
                directory: directory,
                policy: try StoreFixture.policy(),
                logger: StoreTestDatabase.logger
            )
            // One report while the head is away (Sunday 29 November), one after (Tuesday 1 December).
            let awayAt = StoreFixture.t0
            let backAt = CivilDay(year: 2026, month: 12, day: 1).at(hour: 9)
            let away = StoreFixture.report(at: awayAt)
            let back = StoreFixture.report(at: backAt)
            _ = try await store.applyBatch(StoreFixture.inbound([away], from: 0), rejected: [], now: awayAt)
            _ = try await store.applyBatch(StoreFixture.inbound([back], from: 1), rejected: [], now: backAt)

            let report = try await PeriodReport.read(
                from: pool,
                scope: ReportScope(
                    from: CivilDay(year: 2026, month: 11, day: 1).at(hour: 0),
                    to: CivilDay(year: 2026, month: 12, day: 2).at(hour: 0)
                ),
                now: CivilDay(year: 2026, month: 12, day: 2).at(hour: 0)
            )
            let heads = report.heads.filter { $0.schoolID == StoreFixture.school }
            let byOfficer = Dictionary(uniqueKeysWithValues: heads.map { ($0.officerID ?? "-", $0.obligations) })
            // Each report opens one acknowledgement, due 2 hours later and missed.
            #expect(byOfficer["pht-thcs-binh-son"]?.missed == 1, "\(heads)")
            #expect(byOfficer["ht-thcs-binh-son"]?.missed == 1, "the head is not blamed for the week away: \(heads)")
            #expect(heads.count == 2)
        }
    }
}
