import Foundation
import Postgres
import Testing
import WatchpostCore
import WatchpostStore

/// Closures and absences declared at run time (issue 29), through the store the API writes
/// with, and what the enforcer's pass (`DeadlineStore.applyDeclarations`) makes of the
/// obligations already open, on the shipped policy (the head's acknowledgement: 2 working
/// hours) and the shipped calendar (07:00–11:30 and 13:30–17:00, Monday to Friday).
@Suite("DeclarationReplan", .serialized, .timeLimit(.minutes(5)))
struct DeclarationReplanTests {
    /// Monday 7 December 2026, in the school year.
    static let monday = CivilDay(year: 2026, month: 12, day: 7)
    static let authority: UnitID = "vhxh-xa-binh-son"
    static let deputy: OfficerID = "pht-thcs-binh-son"

    struct Stores {
        let events: EventStore
        let deadlines: DeadlineStore
        let declarations: DeclarationStore
        let pool: PostgresPool
        var offset: Int64 = 0

        /// Routes a medium report made at `date`; returns its incident id.
        mutating func report(at date: Date) async throws -> UUID {
            let report = StoreFixture.report(at: date)
            _ = try await events.applyBatch(StoreFixture.inbound([report], from: offset), rejected: [], now: date)
            offset += 1
            return report.incidentID
        }

        /// The head's acknowledgement of `incident`: due, owner, delegated from, reminders.
        func acknowledgement(of incident: UUID) async throws -> (due: Date, owner: String?, from: String?, next: Date?)
        {
            let row = try #require(
                try await pool.withConnection { connection in
                    try await connection.query(
                        """
                        SELECT due_at, owner_officer_id, delegated_from, next_reminder_at FROM obligations
                        WHERE incident_id = \(incident) AND kind = 'acknowledge' AND owner_relation = 'school_head'
                        """
                    ).first
                }
            )
            return (
                try row.decode(Date.self, at: 0), try row.decode(String?.self, at: 1),
                try row.decode(String?.self, at: 2),
                try row.decode(Date?.self, at: 3)
            )
        }

        /// The calendar-clock deadlines of `incident`, by obligation id.
        func calendarDeadlines(of incident: UUID) async throws -> [UUID: Date] {
            try await pool.withConnection { connection in
                var deadlines: [UUID: Date] = [:]
                for row in try await connection.query(
                    """
                    SELECT id, due_at FROM obligations
                    WHERE incident_id = \(incident) AND clock = 'calendar' AND due_at IS NOT NULL
                    """
                ) {
                    deadlines[try row.decode(UUID.self, at: 0)] = try row.decode(Date.self, at: 1)
                }
                return deadlines
            }
        }
    }

    static func with(_ body: (inout Stores) async throws -> Void) async throws {
        try await StoreTestDatabase.with { pool in
            let shipped = PipelinePaths.shippedConfig
            let directory = try Directory.load(contentsOf: shipped.appendingPathComponent("directory.yaml"))
            let policy = try Policy.load(contentsOf: shipped.appendingPathComponent("routing.yaml"))
            let logger = StoreTestDatabase.logger
            var stores = Stores(
                events: EventStore(pool: pool, directory: directory, policy: policy, logger: logger),
                deadlines: DeadlineStore(pool: pool, directory: directory, policy: policy, logger: logger),
                declarations: DeclarationStore(pool: pool),
                pool: pool
            )
            try await body(&stores)
        }
    }

    static func closure(days first: CivilDay, _ last: CivilDay, at date: Date) -> Declaration {
        Declaration(
            id: UUID(),
            subject: .closure(unit: authority),
            first: first,
            last: last,
            reason: "Bão số 15",
            declaredBy: "officer:cv-vhxh-xa-binh-son",
            declaredAt: date
        )
    }

    @Test func aClosureDeclaredLaterMovesOpenWorkingDeadlinesPastItAndItsWithdrawalBringsThemBack() async throws {
        try await Self.with { stores in
            let first = try await stores.report(at: Self.monday.at(hour: 9))
            let before = try await stores.acknowledgement(of: first)
            #expect(before.due == Self.monday.at(hour: 11))
            let calendarBefore = try await stores.calendarDeadlines(of: first)

            // The authority closes every school of the commune on Monday and Tuesday at 09:30.
            let declaredAt = Self.monday.at(hour: 9, minute: 30)
            let outcome = try await stores.declarations.declare(
                Self.closure(days: Self.monday, Self.monday.adding(days: 1), at: declaredAt)
            )
            guard case .declared(let closure) = outcome else {
                Issue.record("not declared: \(outcome)")
                return
            }
            #expect(try await stores.deadlines.applyDeclarations(now: declaredAt, limit: 10).moved >= 1)
            // 1 h 30 of working time was left; it runs from Wednesday's opening.
            let wednesday = Self.monday.adding(days: 2)
            let moved = try await stores.acknowledgement(of: first)
            #expect(moved.due == wednesday.at(hour: 8, minute: 30))
            #expect(moved.next.map { $0 < moved.due && $0 > declaredAt } ?? true, "\(String(describing: moved.next))")
            #expect(try await stores.calendarDeadlines(of: first) == calendarBefore, "law-bound deadlines never move")

            // A report routed once the closure is known is planned past it, and not moved again.
            let second = try await stores.report(at: Self.monday.at(hour: 10))
            #expect(try await stores.acknowledgement(of: second).due == wednesday.at(hour: 9))
            #expect(try await stores.deadlines.applyDeclarations(now: Self.monday.at(hour: 10), limit: 10).moved == 0)
            #expect(try await stores.acknowledgement(of: second).due == wednesday.at(hour: 9))

            // Withdrawn at 10:00: the time left counts from now on Monday's hours again.
            let withdrawn = try await stores.declarations.withdraw(
                id: closure.id,
                kind: .closure,
                by: "officer:cv-vhxh-xa-binh-son",
                now: Self.monday.at(hour: 10)
            )
            guard case .withdrawn = withdrawn else {
                Issue.record("not withdrawn: \(String(describing: withdrawn))")
                return
            }
            #expect(try await stores.deadlines.applyDeclarations(now: Self.monday.at(hour: 10), limit: 10).moved == 2)
            #expect(try await stores.acknowledgement(of: first).due == Self.monday.at(hour: 11, minute: 30))
            #expect(try await stores.acknowledgement(of: second).due == Self.monday.at(hour: 14))
            // Each revision is applied once, by whichever worker gets there first.
            #expect(try await stores.deadlines.applyDeclarations(now: Self.monday.at(hour: 10), limit: 10).moved == 0)
            #expect(try await stores.acknowledgement(of: first).due == Self.monday.at(hour: 11, minute: 30))
        }
    }

    @Test func anAbsenceRecordedLaterHandsTheOfficersOpenObligationsToTheDelegateAndBackWhenWithdrawn() async throws {
        try await Self.with { stores in
            let incident = try await stores.report(at: Self.monday.at(hour: 9))
            #expect(try await stores.acknowledgement(of: incident).owner == StoreFixture.head.id)
            let absence = Declaration(
                id: UUID(),
                subject: .absence(officer: StoreFixture.head.id, delegate: Self.deputy),
                first: Self.monday,
                last: Self.monday.adding(days: 1),
                reason: "Nghỉ ốm",
                declaredBy: "officer:\(StoreFixture.head.id)",
                declaredAt: Self.monday.at(hour: 9, minute: 15)
            )
            guard case .declared = try await stores.declarations.declare(absence) else {
                Issue.record("not declared")
                return
            }
            let handed = try await stores.deadlines.applyDeclarations(
                now: Self.monday.at(hour: 9, minute: 15),
                limit: 10
            )
            #expect(handed.handedOver == 1)
            let delegated = try await stores.acknowledgement(of: incident)
            #expect(delegated.owner == Self.deputy && delegated.from == StoreFixture.head.id)

            // A report routed during the absence goes to the deputy from the start.
            let later = try await stores.report(at: Self.monday.at(hour: 9, minute: 30))
            let routed = try await stores.acknowledgement(of: later)
            #expect(routed.owner == Self.deputy && routed.from == StoreFixture.head.id)

            // The same absence again changes nothing; an overlapping one is refused.
            #expect(try await stores.declarations.declare(absence).isExisting)
            var overlapping = absence
            overlapping.id = UUID()
            overlapping.first = Self.monday.adding(days: 1)
            overlapping.last = Self.monday.adding(days: 3)
            #expect(try await stores.declarations.declare(overlapping).isOverlap)

            // The head is back early: both obligations go back to the head.
            _ = try await stores.declarations.withdraw(
                id: absence.id,
                kind: .absence,
                by: "officer:\(StoreFixture.head.id)",
                now: Self.monday.at(hour: 10)
            )
            #expect(
                try await stores.deadlines.applyDeclarations(now: Self.monday.at(hour: 10), limit: 10).handedOver == 2
            )
            for id in [incident, later] {
                let back = try await stores.acknowledgement(of: id)
                #expect(back.owner == StoreFixture.head.id && back.from == nil)
            }
        }
    }

    @Test func aDutyPeriodNamedLaterAlertsItsOfficerForAChildAtRiskOnASundayNight() async throws {
        try await Self.with { stores in
            let sunday = Self.monday.adding(days: -1)
            let duty = Declaration(
                id: UUID(),
                subject: .duty(authority: Self.authority, officer: "tp-vhxh-binh-son"),
                first: sunday,
                last: sunday,
                reason: "Trực cuối tuần",
                declaredBy: "officer:cv-vhxh-binh-son",
                declaredAt: sunday.adding(days: -2).at(hour: 16)
            )
            guard case .declared = try await stores.declarations.declare(duty) else {
                Issue.record("not declared")
                return
            }
            let night = sunday.at(hour: 2)
            // What a worker reads back: the file's directory with the duty period laid over it.
            let shippedDirectory = try Directory.load(
                contentsOf: PipelinePaths.shippedConfig.appendingPathComponent("directory.yaml")
            )
            let seen = try await stores.pool.withTransaction { connection in
                try await DirectorySource(base: shippedDirectory).directory(on: connection)
            }
            #expect(seen.revision == 1)
            #expect(
                seen.directory.officers(.dutyOfficer, of: StoreFixture.school, at: night).map(\.id) == [
                    "tp-vhxh-binh-son"
                ]
            )
            let report = StoreFixture.report(category: .childAtRisk, severity: .high, at: night)
            _ = try await stores.events.applyBatch(StoreFixture.inbound([report], from: 0), rejected: [], now: night)
            let alerted = try await stores.pool.withConnection { connection in
                try await connection.query(
                    "SELECT recipient || ' ' || relation FROM alerts WHERE incident_id = \(report.incidentID) ORDER BY 1"
                ).map { try $0.decode(String.self, at: 0) }
            }
            #expect(alerted.contains("tp-vhxh-binh-son duty_officer"), "the officer on duty that night: \(alerted)")
        }
    }
}

extension DeclarationStore.DeclareOutcome {
    var isExisting: Bool {
        if case .existing = self { return true }
        return false
    }

    var isOverlap: Bool {
        if case .overlaps = self { return true }
        return false
    }
}
