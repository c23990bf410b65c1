import Foundation
import Testing

@testable import WatchpostCore

/// Absences, delegates and duty officers (issue 29): while the principal is on leave their
/// deputy is alerted and owns what the principal would; an absence without a delegate tells the
/// authority's desk; out of working hours the authority's duty officer hears of urgent
/// obligations and may acknowledge them on the owner's behalf.
struct PresenceRoutingTests {
    static let head: OfficerID = "ht-thcs-binh-son"
    static let deputy: OfficerID = "pht-thcs-binh-son"
    static let authorityHead: OfficerID = "tp-vhxh-binh-son"

    /// The shipped directory with `yaml` added under the officer or unit whose `id` line is `anchor`.
    static func directory(adding yaml: String, under anchor: String) throws -> Directory {
        let shipped = try String(contentsOf: Fixture.directoryURL, encoding: .utf8)
        let line = "  - id: \(anchor)\n"
        #expect(shipped.contains(line))
        return try Directory.load(yaml: shipped.replacingOccurrences(of: line, with: line + yaml), file: "d.yaml")
    }

    /// The head away on the day of `Fixture.t0` (Sunday 29 November 2026) to Tuesday 1 December.
    static func headAway(delegate: OfficerID?) throws -> Directory {
        try directory(
            adding: """
                    absences:
                      - { from: 2026-11-28, to: 2026-12-01, \(delegate.map { "delegate: \($0), " } ?? "")reason: "Nghỉ phép" }

                """,
            under: head
        )
    }

    @Test func aPrincipalOnLeaveIsStoodInForByTheDelegatedDeputyWhoIsAlertedAndOwesTheAcknowledgement() throws {
        let directory = try Self.headAway(delegate: Self.deputy)
        let policy = try Policy.load(contentsOf: Fixture.policyURL)
        var run = Run(directory, policy)
        let decision = run.apply(Fixture.report(category: .falseInformation))
        #expect(!decision.alerts.contains { $0.recipient == Self.head }, "the absent head is not alerted")
        let toDeputy = decision.alerts.filter { $0.recipient == Self.deputy }
        #expect(toDeputy.count == 1)
        #expect(toDeputy.first?.relation == .schoolHead)
        let acknowledge = try #require(run.obligation(.acknowledge))
        #expect(acknowledge.ownerOfficerID == Self.deputy)
        #expect(acknowledge.delegatedFrom == Self.head)
        // The deputy is reminded while the head is away; the head, back on Wednesday, would be.
        let state = try #require(run.incident)
        let reminder = DeadlineEnforcer.dueReminder(
            for: acknowledge,
            incident: state,
            directory: directory,
            now: Fixture.monday(8, 1)
        )
        #expect(reminder.alerts.map(\.recipient) == [Self.deputy])
        // The deputy's acknowledgement meets it.
        let met = run.apply(
            Fixture.event(.acknowledged(IncidentAcknowledged()), by: Fixture.officer(Self.deputy), id: 700),
            at: Fixture.minutes(30)
        )
        #expect(met.obligationsMet.map(\.kind).contains(.acknowledge))
    }

    @Test func aPrincipalAwayWithoutADelegateLeavesTheObligationUnownedAndTellsTheDesk() throws {
        let directory = try Self.headAway(delegate: nil)
        let policy = try Policy.load(contentsOf: Fixture.policyURL)
        var run = Run(directory, policy)
        let decision = run.apply(Fixture.report(category: .falseInformation))
        #expect(!decision.alerts.contains { $0.recipient == Self.head })
        let desk = try #require(decision.alerts.first { $0.recipient == "cv-vhxh-binh-son" })
        #expect(desk.reason.hasPrefix("absent:\(Self.head):"))
        #expect(decision.alerts.filter { $0.recipient == "cv-vhxh-binh-son" }.count == 1, "told once")
        #expect(run.obligation(.acknowledge)?.ownerOfficerID == nil)
    }

    /// The authority's head on duty over the weekend of `Fixture.t0`.
    static func headOfTheAuthorityOnDuty() throws -> Directory {
        try directory(
            adding: """
                    duty:
                      - { officer: \(authorityHead), from: 2026-11-28, to: 2026-11-29 }

                """,
            under: "vhxh-xa-binh-son"
        )
    }

    @Test func aChildAtRiskOnASundayReachesTheDutyOfficerOnTheCalendarClock() throws {
        let directory = try Self.headOfTheAuthorityOnDuty()
        let policy = try Policy.load(contentsOf: Fixture.policyURL)
        var run = Run(directory, policy)
        let decision = run.apply(Fixture.report(category: .childAtRisk, severity: .high))
        let duty = try #require(decision.alerts.first { $0.recipient == Self.authorityHead })
        #expect(duty.relation == .dutyOfficer)
        #expect(duty.reason == "duty:acknowledge")
        let acknowledge = try #require(run.obligation(.acknowledge))
        #expect(acknowledge.clock == .calendar)
        #expect(acknowledge.dueAt == Fixture.minutes(30))
    }

    @Test func theDutyOfficerAcknowledgesAnUrgentObligationOnTheOwnersBehalfAndTheOwnerIsTold() throws {
        let directory = try Self.headOfTheAuthorityOnDuty()
        let policy = try Policy.load(contentsOf: Fixture.policyURL)
        var run = Run(directory, policy)
        run.apply(Fixture.report(category: .childAtRisk, severity: .high))
        let decision = run.apply(
            Fixture.event(.acknowledged(IncidentAcknowledged()), by: Fixture.officer(Self.authorityHead), id: 701),
            at: Fixture.minutes(10)
        )
        let acknowledge = try #require(run.obligation(.acknowledge))
        #expect(acknowledge.status == .met)
        #expect(acknowledge.metBy == Self.authorityHead)
        #expect(acknowledge.metOnBehalfOf == Self.head)
        let told = try #require(decision.alerts.first { $0.recipient == Self.head })
        #expect(told.reason == "acknowledged-on-behalf:acknowledge")
        // A routine obligation is not the duty officer's to acknowledge.
        var routine = Run(directory, policy)
        routine.apply(Fixture.report(category: .falseInformation, incident: Fixture.uuid(2), event: Fixture.uuid(102)))
        routine.apply(
            Fixture.event(
                .acknowledged(IncidentAcknowledged()),
                by: Fixture.officer(Self.authorityHead),
                id: 702,
                incident: Fixture.uuid(2)
            ),
            at: Fixture.minutes(10)
        )
        #expect(routine.obligation(.acknowledge)?.status == .open)
    }

    @Test func theDutyOfficerIsNotAlertedInWorkingHours() throws {
        let directory = try Self.directory(
            adding: """
                    duty:
                      - { officer: \(Self.authorityHead), from: 2026-11-30, to: 2026-11-30 }

                """,
            under: "vhxh-xa-binh-son"
        )
        let policy = try Policy.load(contentsOf: Fixture.policyURL)
        var run = Run(directory, policy)
        var report = Fixture.report(category: .childAtRisk, severity: .high)
        report.occurredAt = Fixture.monday(9)
        let decision = run.apply(report, at: Fixture.monday(9))
        #expect(!decision.alerts.contains { $0.relation == .dutyOfficer })
    }

    static let broken: [BrokenConfig] = [
        BrokenConfig(
            name: "a delegate from another unit",
            replacing: "  - id: ht-thcs-binh-son\n",
            with: "  - id: ht-thcs-binh-son #!\n    absences:\n      - { from: 2026-12-01, to: 2026-12-02, "
                + "delegate: ht-th-binh-long, reason: Nghỉ phép }\n",
            expectedMessage: "the delegate `ht-th-binh-long` must be an officer of `thcs-binh-son`"
        ),
        BrokenConfig(
            name: "a duty officer of another unit",
            replacing: "  - id: vhxh-xa-binh-son\n",
            with: "  - id: vhxh-xa-binh-son #!\n    duty:\n      - { officer: ht-thcs-binh-son, from: 2026-12-01, "
                + "to: 2026-12-02 }\n",
            expectedMessage: "duty officer `ht-thcs-binh-son` must be an officer of `vhxh-xa-binh-son`"
        ),
        BrokenConfig(
            name: "an absence that ends before it starts",
            replacing: "  - id: ht-thcs-binh-son\n",
            with:
                "  - id: ht-thcs-binh-son\n    absences:\n      - { from: 2026-12-02, to: 2026-12-01, reason: x } #!\n",
            expectedMessage: "runs from one date to a later or equal one"
        ),
    ]

    @Test(arguments: broken)
    func theLoaderNamesTheAbsenceOrRosterAndWhy(_ broken: BrokenConfig) throws {
        let shipped = try String(contentsOf: Fixture.directoryURL, encoding: .utf8)
        broken.check(base: shipped, file: "Config/directory.yaml") { yaml, file throws(ConfigError) in
            _ = try Directory.load(yaml: yaml, file: file)
        }
    }
}
