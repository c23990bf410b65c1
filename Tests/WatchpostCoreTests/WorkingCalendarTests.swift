import Foundation
import PropertyBased
import Testing

@testable import WatchpostCore

/// Working-time arithmetic (issue 29): only time inside working hours counts, weekends and
/// holidays are skipped, and a working-time deadline never falls outside working hours.
struct WorkingCalendarTests {
    static let calendar = WorkingCalendar.schoolOffice
    /// Minutes from the start of 2025 to an instant up to four years later.
    static let instantMinutes = 0...(4 * 366 * 24 * 60)
    /// Minutes of a duration of up to three working days.
    static let durationMinutes = 0...(3 * 8 * 60)

    static func instant(_ minutes: Int) -> Date {
        CivilDay(year: 2025, month: 1, day: 1).at(hour: 0).addingTimeInterval(Double(minutes) * 60)
    }

    @Test func aDeadlineIsNeverBeforeItsStartAndNeverOutsideWorkingHours() async {
        await propertyCheck(
            count: 300,
            input: Gen.int(in: Self.instantMinutes),
            Gen.int(in: Self.durationMinutes)
        ) { minutes, durationMinutes in
            let start = Self.instant(minutes)
            let duration = Double(durationMinutes) * 60
            let due = Self.calendar.adding(duration, to: start)!
            #expect(due >= start)
            if duration > 0 {
                // Inside a period, or at its close (the last working minute's end).
                let inside = Self.calendar.isWorking(at: due) || Self.calendar.isWorking(at: due.addingTimeInterval(-1))
                #expect(inside, "\(start) + \(duration / 60) min → \(due)")
                // Whole minutes are exact in `TimeInterval`: the time measured back is the time added.
                #expect(Self.calendar.workingTime(from: start, to: due) == duration)
            }
        }
    }

    @Test func addingIsMonotonicAndAssociative() async {
        await propertyCheck(
            count: 200,
            input: Gen.int(in: Self.instantMinutes),
            Gen.int(in: Self.durationMinutes),
            Gen.int(in: Self.durationMinutes)
        ) { minutes, aMinutes, bMinutes in
            let (start, a, b) = (Self.instant(minutes), Double(aMinutes) * 60, Double(bMinutes) * 60)
            let calendar = Self.calendar
            let first = calendar.adding(a, to: start)!
            let both = calendar.adding(a + b, to: start)!
            #expect(calendar.adding(min(a, b), to: start)! <= calendar.adding(max(a, b), to: start)!)
            // a then b lands where a + b does, except that a run ending at a period's close and
            // the next one starting at the next opening name the same working instant.
            let stepped = calendar.adding(b, to: first)!
            #expect(calendar.workingTime(from: start, to: stepped) == calendar.workingTime(from: start, to: both))
            if b > 0 { #expect(stepped == both) }
        }
    }

    /// The case: a report at 21:00 on the Saturday before Tết 2026 (14 February), with
    /// a two-hour acknowledgement in working time, falls due on the first working morning after
    /// the holiday (Tết: 16 to 20 February 2026; Monday 23 February).
    @Test func aSaturdayNightReportBeforeTetIsDueAfterTheHoliday() throws {
        let start = CivilDay(year: 2026, month: 2, day: 14).at(hour: 21)
        let due = try #require(Self.calendar.adding(2 * 3600, to: start))
        #expect(due == CivilDay(year: 2026, month: 2, day: 23).at(hour: 9))
        #expect(!Self.calendar.isWorkingDay(CivilDay(year: 2026, month: 2, day: 20)))
    }

    @Test func aDeclaredClosureIsSkippedAndLunchIsNotWorkingTime() throws {
        var calendar = Self.calendar
        calendar.declaredHolidays = [CivilDay(year: 2026, month: 11, day: 3)]  // a storm
        // 30 min before Monday's close, then Tuesday is closed: the other 30 min on Wednesday.
        let lateMonday = CivilDay(year: 2026, month: 11, day: 2).at(hour: 16, minute: 30)
        #expect(
            calendar.adding(3600, to: lateMonday) == CivilDay(year: 2026, month: 11, day: 4).at(hour: 7, minute: 30)
        )
        #expect(
            Self.calendar.adding(3600, to: lateMonday)
                == CivilDay(year: 2026, month: 11, day: 3).at(hour: 7, minute: 30)
        )
        // 30 min before lunch, then 30 min after it.
        let lateMorning = CivilDay(year: 2026, month: 11, day: 2).at(hour: 11)
        #expect(calendar.adding(3600, to: lateMorning) == CivilDay(year: 2026, month: 11, day: 2).at(hour: 14))
    }

    @Test func aCalendarWithoutWorkingHoursNeverFallsDue() {
        #expect(WorkingCalendar(hours: [:]).adding(60, to: Date(), searchDays: 30) == nil)
    }
}
