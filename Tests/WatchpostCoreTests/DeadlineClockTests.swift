import Foundation
import PropertyBased
import Testing

@testable import WatchpostCore

/// Deadlines on the clock the policy names (issue 29): `clock: working` counts only the school's
/// working hours, by its calendar in the directory; `clock: calendar` counts every hour, and the
/// loader refuses working time where the law sets the hours.
struct DeadlineClockTests {
    /// The shipped policy, which runs the head's acknowledgement and the desk's receipt on
    /// working time.
    static func workingPolicy() throws -> Policy {
        try Policy.load(contentsOf: Fixture.policyURL)
    }

    /// 21:00 on Saturday 6 February 2027, mùng 1 Tết Đinh Mùi, in Vietnam.
    static let tetSaturdayNight = CivilDay(year: 2027, month: 2, day: 6).at(hour: 21)

    static func wednesdayAfterTet(_ hour: Int, _ minute: Int = 0) -> Date {
        CivilDay(year: 2027, month: 2, day: 10).at(hour: hour, minute: minute)
    }

    static func report(_ category: IncidentCategory, at date: Date) -> Event {
        var event = Fixture.report(category: category)
        event.occurredAt = date
        return event
    }

    @Test func theSaturdayNightTetReportFallsDueTwoWorkingHoursAfterTetAndNeverEscalatesBefore() throws {
        let (directory, _) = try Fixture.shipped()
        let policy = try Self.workingPolicy()
        #expect(PublicHolidays.tet(of: 2027) == CivilDay(year: 2027, month: 2, day: 6))
        #expect(CivilDay(year: 2027, month: 2, day: 6).weekday == 7)
        var run = Run(directory, policy)
        let now = Self.tetSaturdayNight
        run.apply(Self.report(.falseInformation, at: now), at: now)
        let acknowledge = try #require(run.obligation(.acknowledge))
        // Tết runs from 30 Tết (Friday 5) to mùng 4 (Tuesday 9): Wednesday 07:00 + 2 h.
        #expect(acknowledge.clock == .working)
        #expect(acknowledge.dueAt == Self.wednesdayAfterTet(9))
        #expect(acknowledge.remindersAt == [Self.wednesdayAfterTet(8), Self.wednesdayAfterTet(8, 45)])
        // The take-down stays on the calendar: 24 hours, Sunday 21:00.
        let takeDown = try #require(run.obligation(.takeDown))
        #expect(takeDown.clock == .calendar)
        #expect(takeDown.dueAt == now.addingTimeInterval(24 * 3600))

        let state = try #require(run.incident)
        for hours in [2.0, 24, 72, 83.9] {
            let later = now.addingTimeInterval(hours * 3600)
            #expect(
                DeadlineEnforcer.escalationEvent(for: acknowledge, incident: state, policy: policy, now: later) == nil
            )
        }
        #expect(
            DeadlineEnforcer.escalationEvent(
                for: acknowledge,
                incident: state,
                policy: policy,
                now: Self.wednesdayAfterTet(9)
            ) != nil
        )
    }

    @Test func escalationLevelsRunOnTheObligationsClock() throws {
        let (directory, _) = try Fixture.shipped()
        let policy = try Self.workingPolicy()
        var run = Run(directory, policy)
        run.apply(Self.report(.falseInformation, at: Self.tetSaturdayNight), at: Self.tetSaturdayNight)
        try run.escalateOverdue(.acknowledge, at: Self.wednesdayAfterTet(9))
        let escalated = try #require(run.obligation(.acknowledge))
        #expect(escalated.level == 1)
        // missed-deadline level 1 has 4 hours: 09:00–11:30, then 13:30–15:00.
        #expect(escalated.dueAt == Self.wednesdayAfterTet(15))
        // The owner is reminded 1 h and 15 min before, in working time, as at level 0.
        #expect(
            escalated.remindersAt.filter { $0 > Self.wednesdayAfterTet(9) }
                == [Self.wednesdayAfterTet(14), Self.wednesdayAfterTet(14, 45)]
        )
    }

    @Test func aChildAtRiskOnASundayRunsOnTheCalendarEvenWhenRoutineDeadlinesRunOnWorkingTime() throws {
        let (directory, _) = try Fixture.shipped()
        let policy = try Self.workingPolicy()
        let sunday = CivilDay(year: 2026, month: 12, day: 6).at(hour: 10)
        #expect(CivilDay(year: 2026, month: 12, day: 6).weekday == 1)
        var run = Run(directory, policy)
        run.apply(Self.report(.childAtRisk, at: sunday), at: sunday)
        let acknowledge = try #require(run.obligation(.acknowledge))
        #expect(acknowledge.clock == .calendar)
        #expect(acknowledge.dueAt == sunday.addingTimeInterval(30 * 60))
        #expect(acknowledge.reasonID == "child-report-now")
    }

    static let brokenClocks: [BrokenConfig] = [
        BrokenConfig(
            name: "working time where the law sets the hours",
            replacing: "        reason: child-report-now\n",
            with: "        reason: child-report-now\n        clock: working #!\n",
            expectedMessage: "its reason `child-report-now` cites a law that sets the hours"
        ),
        BrokenConfig(
            name: "unknown clock",
            replacing: "on the calendar (rules below).\n        clock: working\n",
            with: "on the calendar (rules below).\n        clock: office #!\n",
            expectedMessage: "unknown clock `office`; known: calendar, working"
        ),
    ]

    @Test(arguments: brokenClocks)
    func theLoaderRefusesAClockThePolicyCannotUse(_ broken: BrokenConfig) throws {
        let shipped = try String(contentsOf: Fixture.policyURL, encoding: .utf8)
        broken.check(base: shipped, file: "Config/routing.yaml") { yaml, file throws(ConfigError) in
            _ = try Policy.load(yaml: yaml, file: file)
        }
    }

    @Test func aWorkingDeadlineReadsWithItsWeekdayAndItsClock() {
        let due = CivilDay(year: 2026, month: 12, day: 7).at(hour: 9, minute: 30)
        #expect(LocalTime.formatWithWeekday(due, locale: .vi) == "09 giờ 30 thứ Hai 07/12/2026")
        #expect(LocalTime.formatWithWeekday(due, locale: .en) == "Monday 7 Dec 2026, 09:30 (UTC+7)")
    }

    @Test func aReminderBeforeAWorkingDeadlineIsInWorkingTimeAndExactlyItsOffsetBefore() async {
        let calendar = WorkingCalendar.schoolOffice
        await propertyCheck(
            count: 300,
            input: Gen.int(in: WorkingCalendarTests.instantMinutes),
            Gen.int(in: WorkingCalendarTests.durationMinutes)
        ) { minutes, offsetMinutes in
            let due = WorkingCalendarTests.instant(minutes)
            let offset = Double(offsetMinutes) * 60
            let reminder = calendar.subtracting(offset, from: due)!
            #expect(reminder <= due)
            if offset > 0 {
                // Inside a period, or at its opening.
                #expect(calendar.isWorking(at: reminder), "\(due) − \(offsetMinutes) min → \(reminder)")
                #expect(calendar.workingTime(from: reminder, to: due) == offset)
            }
        }
    }
}
