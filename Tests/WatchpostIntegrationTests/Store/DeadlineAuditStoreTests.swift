import Foundation
import Postgres
import Testing
import WatchpostCore
import WatchpostStore

/// `AuditStore` names every deadline and reminder that slipped, and nothing else (D38).
@Suite(.timeLimit(.minutes(5)))
struct DeadlineAuditStoreTests {
    static let scenario = AuditScenario(start: StoreFixture.t0)

    /// The audit of the day around the scenario, at `now`.
    static func audit(_ pool: PostgresPool, at now: Date) async throws -> DeadlineAudit {
        try await AuditStore(pool: pool).audit(since: scenario.after(-60), now: now)
    }

    @Test func deadlineMissedWhileTheEnforcerIsStoppedIsNamedUntilItEscalates() async throws {
        try await StoreTestDatabase.with { pool in
            let s = Self.scenario
            let obligation = try await s.store(in: pool)
            let deadlines = try StoreFixture.deadlineStore(pool)
            _ = try await deadlines.sendDueReminders(now: s.firstReminder.addingTimeInterval(1), limit: 10)
            _ = try await deadlines.sendDueReminders(now: s.secondReminder.addingTimeInterval(1), limit: 10)

            // The enforcer is stopped: an hour after the deadline nothing was escalated.
            let missed = try await Self.audit(pool, at: s.after(180))
            #expect(missed.deadlinesChecked == 1 && missed.remindersChecked == 2)
            let exception = try #require(missed.exceptions.first)
            #expect(missed.exceptions.count == 1)
            #expect(exception.obligationID == obligation && exception.incidentID == s.incident)
            #expect(exception.problem == .notEscalated && exception.missing == "not escalated")
            #expect(exception.school == StoreFixture.school && exception.kind == .acknowledge)
            #expect(exception.ownerRelation == .schoolHead && exception.dueAt == s.deadline)
            #expect(exception.lateness == .seconds(3600))

            // The enforcer runs a second after the deadline: its outbox message records it.
            let escalation = try await s.escalate(at: s.deadline.addingTimeInterval(1), in: pool)
            let requested = try await Self.audit(pool, at: s.after(180))
            #expect(requested.isClean, "\(requested.exceptions)")
            #expect(requested.escalatedInTime == 1)

            // Once the relay sent it and the router applied it, its stored event records it in
            // time, and the next level's deadline is not due yet.
            _ = try await pool.withConnection { try await $0.execute("DELETE FROM outbox") }
            _ = try await StoreFixture.eventStore(pool)
                .applyBatch(
                    StoreFixture.inbound(escalation, from: 1),
                    rejected: [],
                    now: s.deadline.addingTimeInterval(2)
                )
            let applied = try await Self.audit(pool, at: s.after(180))
            #expect(applied.isClean && applied.escalatedInTime == 1, "\(applied.exceptions)")
            #expect(applied.remindersChecked == 2, "the reminders are still checked at level 1")
        }
    }

    @Test func remindersNeverSentAreStillNamedOnceTheObligationHasEscalated() async throws {
        try await StoreTestDatabase.with { pool in
            let s = Self.scenario
            let obligation = try await s.store(in: pool)
            // The enforcer sent no reminder, then escalated on time; the router applied it.
            let escalation = try await s.escalate(at: s.deadline.addingTimeInterval(1), in: pool)
            _ = try await StoreFixture.eventStore(pool)
                .applyBatch(
                    StoreFixture.inbound(escalation, from: 1),
                    rejected: [],
                    now: s.deadline.addingTimeInterval(2)
                )
            #expect(
                try await pool.withConnection { connection in
                    try await connection.query("SELECT level FROM obligations WHERE id = \(obligation)")
                        .map { try $0.decode(Int.self, at: 0) }
                } == [1]
            )

            let audit = try await Self.audit(pool, at: s.after(180))
            #expect(audit.escalatedInTime == 1 && audit.remindersChecked == 2)
            #expect(
                audit.exceptions.map(\.problem)
                    == [.reminderNotSent(before: .seconds(3600)), .reminderNotSent(before: .seconds(900))],
                "\(audit.exceptions)"
            )
            #expect(audit.exceptions.map(\.dueAt) == [s.firstReminder, s.secondReminder])
            #expect(
                audit.exceptions.allSatisfy { $0.obligationID == obligation && !$0.isOutstanding(at: s.after(180)) }
            )
        }
    }

    @Test func reminderDueButNotSentIsNamedThenNamedAsLateOnceSent() async throws {
        try await StoreTestDatabase.with { pool in
            let s = Self.scenario
            let obligation = try await s.store(in: pool)
            let missed = try await Self.audit(pool, at: s.after(90))
            let exception = try #require(missed.exceptions.first)
            #expect(missed.exceptions.count == 1 && exception.obligationID == obligation)
            #expect(exception.problem == .reminderNotSent(before: .seconds(3600)))
            #expect(exception.missing == "reminder 1h before not sent")
            #expect(exception.dueAt == s.firstReminder && exception.lateness == .seconds(1800))

            _ = try await StoreFixture.deadlineStore(pool).sendDueReminders(now: s.after(90), limit: 10)
            let late = try await Self.audit(pool, at: s.after(90))
            #expect(late.exceptions.map(\.problem) == [.reminderSentLate(before: .seconds(3600))])
            #expect(late.exceptions.first?.lateness == .seconds(1800))
        }
    }

    @Test func obligationsMetInTimeOrCancelledAreNeverExceptions() async throws {
        try await StoreTestDatabase.with { pool in
            let acknowledged = AuditScenario(start: StoreFixture.t0)
            let lateButInGrace = AuditScenario(start: StoreFixture.t0)
            let resolved = AuditScenario(start: StoreFixture.t0)
            for (offset, scenario) in [acknowledged, lateButInGrace, resolved].enumerated() {
                _ = try await scenario.store(in: pool, offset: Int64(offset))
            }
            try await acknowledged.apply(
                .acknowledged(IncidentAcknowledged(note: "Đã nhận")),
                at: acknowledged.after(30),
                offset: 10,
                in: pool
            )
            try await resolved.apply(
                .resolved(IncidentResolved(note: "Đã gỡ bài")),
                at: resolved.after(30),
                offset: 11,
                in: pool
            )
            let deadlines = try StoreFixture.deadlineStore(pool)
            _ = try await deadlines.sendDueReminders(now: lateButInGrace.firstReminder, limit: 10)
            _ = try await deadlines.sendDueReminders(now: lateButInGrace.secondReminder, limit: 10)
            try await lateButInGrace.apply(
                .acknowledged(IncidentAcknowledged(note: "Đã nhận")),
                at: lateButInGrace.deadline.addingTimeInterval(30),
                offset: 12,
                in: pool
            )

            // The enforcer never ran, yet nothing slipped.
            let audit = try await Self.audit(pool, at: StoreFixture.minutes(600))
            #expect(audit.isClean, "\(audit.exceptions)")
            #expect(audit.deadlinesChecked == 3 && audit.closedInTime == 3 && audit.escalatedInTime == 0)
        }
    }

    @Test func escalationAfterTheGracePeriodIsNamedAsLate() async throws {
        try await StoreTestDatabase.with { pool in
            let s = Self.scenario
            let obligation = try await s.store(in: pool)
            let deadlines = try StoreFixture.deadlineStore(pool)
            _ = try await deadlines.sendDueReminders(now: s.firstReminder, limit: 10)
            _ = try await deadlines.sendDueReminders(now: s.secondReminder, limit: 10)
            try await s.escalate(at: s.deadline.addingTimeInterval(600), in: pool)

            let audit = try await Self.audit(pool, at: s.after(180))
            let exception = try #require(audit.exceptions.first)
            #expect(audit.exceptions.count == 1 && exception.obligationID == obligation)
            #expect(exception.problem == .escalatedLate && exception.missing == "escalated late")
            #expect(exception.lateness == .seconds(600))
            // A grace period longer than the delay accepts it.
            let lenient = try await AuditStore(pool: pool).audit(
                since: s.start,
                now: s.after(180),
                grace: .seconds(900)
            )
            #expect(lenient.isClean && lenient.escalatedInTime == 1)
        }
    }

    @Test func escalationTheRouterRefusedIsNamedWithTheRefusal() async throws {
        try await StoreTestDatabase.with { pool in
            let s = Self.scenario
            let obligation = try await s.store(in: pool)
            let deadlines = try StoreFixture.deadlineStore(pool)
            _ = try await deadlines.sendDueReminders(now: s.firstReminder, limit: 10)
            _ = try await deadlines.sendDueReminders(now: s.secondReminder, limit: 10)
            // Only Watchpost or the supervising authority may escalate: the school head's is refused.
            let escalation = IncidentEscalated(level: 1, reason: .deadlineMissed, obligationID: obligation)
            try await s.apply(.escalated(escalation), at: s.deadline.addingTimeInterval(1), offset: 5, in: pool)

            let audit = try await Self.audit(pool, at: s.after(180))
            let exception = try #require(audit.exceptions.first)
            #expect(audit.exceptions.count == 1 && exception.obligationID == obligation)
            #expect(exception.code == "escalation_refused", "\(exception)")
            #expect(exception.missing.hasPrefix("escalation refused: "), "\(exception.missing)")
        }
    }

    /// The auditor judges a deadline at the instant the router stored for it, on its clock: a
    /// working-time acknowledgement reported on the Saturday night of Tết is not late while the
    /// school is closed, and is named once its working hours have passed unescalated.
    @Test func aWorkingTimeDeadlineIsNotLateWhileTheSchoolIsClosed() async throws {
        try await StoreTestDatabase.with { pool in
            let start = CivilDay(year: 2027, month: 2, day: 6).at(hour: 21)
            let shipped = PipelinePaths.shippedConfig
            let store = EventStore(
                pool: pool,
                directory: try Directory.load(contentsOf: shipped.appendingPathComponent("directory.yaml")),
                policy: try Policy.load(contentsOf: shipped.appendingPathComponent("routing.yaml")),
                logger: StoreTestDatabase.logger
            )
            let report = StoreFixture.report(at: start)
            _ = try await store.applyBatch(StoreFixture.inbound([report], from: 0), rejected: [], now: start)
            let auditor = AuditStore(pool: pool)
            let since = start.addingTimeInterval(-3600)
            // Saturday 23:00, Sunday 23:00, Tuesday 23:00: Tết, the school is closed.
            for hours in [2.0, 26, 74] {
                let audit = try await auditor.audit(since: since, now: start.addingTimeInterval(hours * 3600))
                #expect(!audit.exceptions.contains { $0.kind == .acknowledge }, "\(hours) h: \(audit.exceptions)")
            }
            let wednesday = CivilDay(year: 2027, month: 2, day: 10)
            let late = try await auditor.audit(since: since, now: wednesday.at(hour: 10))
            #expect(
                late.exceptions.contains {
                    $0.kind == .acknowledge && $0.problem == .notEscalated && $0.dueAt == wednesday.at(hour: 9)
                },
                "\(late.exceptions)"
            )
        }
    }
}
