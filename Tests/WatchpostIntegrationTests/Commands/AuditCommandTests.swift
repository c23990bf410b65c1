import Foundation
import Postgres
import Testing
import WatchpostCore
import WatchpostStore

/// `watchpost audit`, run from the built binary: it names the deadline the stopped enforcer
/// missed and exits 1, then exits 0 once the enforcer has done its work.
@Suite(.timeLimit(.minutes(5)))
struct AuditCommandTests {
    @Test func auditExitsOneNamingTheMissedDeadlineThenZeroOnceTheEnforcerRan() async throws {
        try await PipelineDatabase.with { database in
            let pool = PostgresPool(configuration: database.configuration, maxConnections: 2)
            do {
                try await Migrator.migrate(pool, logger: StoreTestDatabase.logger)
                try await DirectorySync.sync(try StoreFixture.directory(), pool: pool, now: StoreFixture.t0)
                let scenario = AuditScenario.overdueByAnHour()
                let obligation = try await scenario.store(in: pool)
                let id = obligation.uuidString.lowercased()
                let options = ["--database-url", database.url]

                let missed = try await PipelineCommandTests.watchpost(["audit"] + options)
                #expect(missed.status == 1, "\(missed.output)")
                #expect(
                    missed.output.contains("Kiểm tra thời hạn (deadline audit): 0 nhiệm vụ quá hạn"),
                    "\(missed.output)"
                )
                #expect(missed.output.contains("3 ngoại lệ"), "\(missed.output)")
                #expect(missed.output.contains("(not escalated)"), "\(missed.output)")
                #expect(missed.output.contains("(reminder 1h before not sent)"), "\(missed.output)")
                #expect(missed.output.contains("việc (obligation) \(id)"), "\(missed.output)")

                let json = try await PipelineCommandTests.watchpost(["audit", "--format", "json"] + options)
                #expect(json.status == 1, "\(json.output)")
                #expect(json.output.contains(#""problem" : "not_escalated""#), "\(json.output)")
                #expect(json.output.contains(#""obligationID" : "\#(id)""#), "\(json.output)")

                try await scenario.enforceOnTime(in: pool)
                let clean = try await PipelineCommandTests.watchpost(["audit", "--since", "1d"] + options)
                #expect(clean.status == 0, "\(clean.output)")
                #expect(
                    clean.output.contains("1 nhiệm vụ quá hạn đã được báo cáo cấp trên đúng hạn, 0 ngoại lệ"),
                    "\(clean.output)"
                )

                let usage = try await PipelineCommandTests.watchpost(["audit", "--since", "soon"] + options)
                #expect(usage.status == 64, "\(usage.output)")
                await pool.close()
            } catch {
                await pool.close()
                throw error
            }
        }
    }
}
