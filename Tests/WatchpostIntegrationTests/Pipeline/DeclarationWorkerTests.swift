import Foundation
import Kafka
import Postgres
import Testing
import WatchpostCore
import WatchpostStore
import WatchpostTestSupport

/// A closure declared at run time, as the API declares it, reaches a running worker without a
/// restart (issue 29): its enforcer moves the open working-time deadline past the closure, and
/// the next report is planned past it from the start.
@Suite(.serialized, .timeLimit(.minutes(10)))
struct DeclarationWorkerTests {
    static let school: UnitID = "thcs-binh-son"
    static let authority: UnitID = "vhxh-xa-binh-son"

    static func acknowledgeDue(_ incident: UUID, _ database: PipelineDatabase) async throws -> Date? {
        try await database.rows(
            "SELECT due_at FROM obligations WHERE incident_id = \(incident) AND kind = 'acknowledge' AND clock = 'working'"
        ).first?.decode(Date.self, at: 0)
    }

    @Test(
        "a closure declared while a worker runs moves the open working deadline past it and plans the next report past it"
    )
    func aClosureReachesARunningWorker() async throws {
        let first = WorkingTimeWorkerTests.report("declared-closure-1", at: Self.school, .falseInformation, .medium)
        try await PipelineDatabase.with { database in
            let broker = try await PipelineBroker(partitions: 1)
            let settings = PipelineInProcessWorker.settings(
                broker: broker,
                database: database,
                configDirectory: PipelinePaths.shippedConfig
            )
            try await PipelineInProcessWorker.with(1, settings: settings) { _ in
                let producer = try broker.producer()
                try await PipelineBroker.send([WorkingTimeWorkerTests.message(first)], with: producer)
                try await waitUntil("the report has its working-time acknowledgement", timeout: .seconds(90)) {
                    try await Self.acknowledgeDue(first.incidentID, database) != nil
                }
                let planned = try #require(try await Self.acknowledgeDue(first.incidentID, database))

                // The authority closes its schools from today to the deadline's day.
                let closedUntil = CivilDay(planned)
                let pool = PostgresPool(configuration: database.configuration, maxConnections: 1)
                let outcome = try await DeclarationStore(pool: pool).declare(
                    Declaration(
                        id: UUID(),
                        subject: .closure(unit: Self.authority),
                        first: CivilDay(Date()),
                        last: closedUntil,
                        reason: "Bão số 15 (kiểm thử)",
                        declaredBy: "officer:tp-vhxh-binh-son",
                        declaredAt: Date()
                    )
                )
                await pool.close()
                guard case .declared = outcome else {
                    Issue.record("not declared: \(outcome)")
                    return
                }
                try await waitUntil("the worker applied the closure", timeout: .seconds(60)) {
                    try await database.count("SELECT replanned_revision FROM declaration_state") == 1
                }
                let moved = try #require(try await Self.acknowledgeDue(first.incidentID, database))
                #expect(CivilDay(moved) > closedUntil, "\(planned) → \(moved)")

                let second = WorkingTimeWorkerTests.report(
                    "declared-closure-2",
                    at: Self.school,
                    .falseInformation,
                    .medium
                )
                try await PipelineBroker.send([WorkingTimeWorkerTests.message(second)], with: producer)
                await producer.close()
                try await waitUntil("the second report has its acknowledgement", timeout: .seconds(90)) {
                    try await Self.acknowledgeDue(second.incidentID, database) != nil
                }
                let secondDue = try #require(try await Self.acknowledgeDue(second.incidentID, database))
                #expect(CivilDay(secondDue) > closedUntil)
                #expect(
                    try await database.count(
                        "SELECT count(*) FROM obligations WHERE incident_id = '\(second.incidentID.canonicalString)' AND calendar_revision = 1 AND clock = 'working'"
                    ) >= 1
                )
            }
        }
    }
}
