import Foundation
import Postgres
import Testing
import WatchpostCore
import WatchpostStore

/// One report and the obligation it opens, for the deadline auditor's tests: with the shipped
/// policy, the school head must acknowledge within 2 h, reminded 1 h and 15 min before.
struct AuditScenario {
    /// When the report happened and was stored.
    let start: Date
    let incident = UUID()
    let report: Event

    /// A report at `start` (whole seconds, so instants compare exactly after a round trip).
    init(start: Date) {
        self.start = Date(timeIntervalSince1970: start.timeIntervalSince1970.rounded(.down))
        report = StoreFixture.report(incident: incident, at: self.start)
    }

    /// A report whose deadline passed an hour before the wall clock's now.
    static func overdueByAnHour() -> AuditScenario { AuditScenario(start: Date().addingTimeInterval(-3 * 3600)) }

    var firstReminder: Date { start.addingTimeInterval(3600) }
    var secondReminder: Date { start.addingTimeInterval(6300) }
    var deadline: Date { start.addingTimeInterval(7200) }
    func after(_ minutes: Double) -> Date { start.addingTimeInterval(minutes * 60) }

    /// Stores the report (consumed at `offset`); returns the id of the acknowledgement it opens.
    func store(in pool: PostgresPool, offset: Int64 = 0) async throws -> UUID {
        let store = try StoreFixture.eventStore(pool)
        let applied = try await store.applyBatch(StoreFixture.inbound([report], from: offset), rejected: [], now: start)
        try #require(applied.obligationsOpened == 1)
        let ids = try await pool.withConnection { connection in
            try await connection.query("SELECT id FROM obligations WHERE incident_id = \(incident)")
                .map { try $0.decode(UUID.self, at: 0) }
        }
        return try #require(ids.first)
    }

    /// Stores `payload` from the school head at `date`, as the router applies it.
    func apply(_ payload: EventPayload, at date: Date, offset: Int64, in pool: PostgresPool) async throws {
        let event = StoreFixture.event(payload, incident: incident, at: date)
        _ = try await StoreFixture.eventStore(pool)
            .applyBatch(StoreFixture.inbound([event], from: offset), rejected: [], now: date)
    }

    /// What a running enforcer does, each a second after it is due: both reminders, then the
    /// escalation (queued in the outbox, as `EnforcerService` does).
    func enforceOnTime(in pool: PostgresPool) async throws {
        let deadlines = try StoreFixture.deadlineStore(pool)
        #expect(try await deadlines.sendDueReminders(now: firstReminder.addingTimeInterval(1), limit: 10) == 1)
        #expect(try await deadlines.sendDueReminders(now: secondReminder.addingTimeInterval(1), limit: 10) == 1)
        try await escalate(at: deadline.addingTimeInterval(1), in: pool)
    }

    /// The enforcer's escalation call at `now`; returns the escalation it queued.
    @discardableResult
    func escalate(at now: Date, in pool: PostgresPool) async throws -> [Event] {
        let escalated = try await StoreFixture.deadlineStore(pool)
            .escalateDue(now: now, limit: 10, topic: StoreFixture.topic)
        #expect(escalated.events.count == 1)
        return escalated.events
    }
}
