import Foundation
import PropertyBased
import Testing

@testable import WatchpostCore

/// A closure declared while an obligation is open moves its working-time deadline by exactly
/// the working time the closure takes away (issue 29), and nothing else moves.
struct ObligationReplanTests {
    /// A working-time acknowledgement planned at `opened`, `hours` of working time, with a
    /// reminder `reminderHours` before, on `calendar`.
    static func obligation(
        opened: Date,
        hours: Double,
        reminderHours: Double,
        on calendar: WorkingCalendar,
        clock: DeadlineClock = .working
    ) -> Obligation {
        let due = calendar.adding(hours * 3600, to: opened)!
        var obligation = Obligation(
            id: UUID(),
            incidentID: UUID(),
            kind: .acknowledge,
            ownerRelation: .schoolHead,
            ownerOfficerID: "ht",
            openedByEventID: UUID(),
            openedAt: opened,
            dueAt: due,
            remindersAt: [calendar.subtracting(reminderHours * 3600, from: due)!],
            reason: DeadlineReason(vi: "Xác nhận", en: "Acknowledge", legalBasis: "Công văn"),
            reasonID: "ack-head",
            chain: "missed-deadline"
        )
        obligation.clock = clock
        return obligation
    }

    static func closed(_ calendar: WorkingCalendar, from first: CivilDay, days: Int) -> WorkingCalendar {
        var closed = calendar
        closed.closures.append(.init(first: first, last: first.adding(days: days - 1), reason: "Bão"))
        return closed
    }

    @Test func aClosureKeepsTheWorkingTimeLeftAndEachReminderItsDistanceBeforeTheDeadline() async {
        let open = WorkingCalendar.schoolOffice
        await propertyCheck(
            count: 200,
            input: Gen.int(in: WorkingCalendarTests.instantMinutes),
            Gen.int(in: 1...(16 * 60)),
            Gen.int(in: 0...3),
            Gen.int(in: 1...5)
        ) { minutes, durationMinutes, startsIn, days in
            let opened = WorkingCalendarTests.instant(minutes)
            let now = opened.addingTimeInterval(600)
            let obligation = Self.obligation(
                opened: opened,
                hours: Double(durationMinutes) / 60,
                reminderHours: 0.25,
                on: open
            )
            let closed = Self.closed(open, from: CivilDay(now).adding(days: startsIn), days: days)
            guard let due = obligation.dueAt, due > now else { return }
            let moved = obligation.replanned(from: open, to: closed, now: now) ?? obligation
            let movedDue = moved.dueAt!
            #expect(movedDue >= due, "a closure never brings a deadline forward")
            #expect(closed.workingTime(from: now, to: movedDue) == open.workingTime(from: now, to: due))
            #expect(closed.isWorking(at: movedDue.addingTimeInterval(-1)), "due at the end of working time")
            for (before, after) in zip(obligation.remindersAt, moved.remindersAt) where before > now {
                #expect(
                    closed.workingTime(from: after, to: movedDue) == open.workingTime(from: before, to: due)
                        || after == now,
                    "\(before) → \(after)"
                )
            }
            // Withdrawn at once, the deadline comes back.
            #expect((moved.replanned(from: closed, to: open, now: now) ?? moved).dueAt == due)
        }
    }

    @Test func calendarDeadlinesClosedOnesAndPassedOnesNeverMove() {
        let open = WorkingCalendar.schoolOffice
        let monday = CivilDay(year: 2026, month: 12, day: 7)
        let closed = Self.closed(open, from: monday, days: 2)
        let opened = monday.at(hour: 8)
        let onCalendar = Self.obligation(opened: opened, hours: 2, reminderHours: 0.5, on: open, clock: .calendar)
        #expect(onCalendar.replanned(from: open, to: closed, now: opened) == nil)
        var met = Self.obligation(opened: opened, hours: 2, reminderHours: 0.5, on: open)
        met.status = .met
        #expect(met.replanned(from: open, to: closed, now: opened) == nil)
        let working = Self.obligation(opened: opened, hours: 2, reminderHours: 0.5, on: open)
        #expect(working.replanned(from: open, to: closed, now: monday.at(hour: 11)) == nil, "already due")
        #expect(working.replanned(from: open, to: open, now: opened) == nil)
        #expect(working.replanned(from: open, to: closed, now: opened)?.dueAt == monday.adding(days: 2).at(hour: 9))
    }

    @Test func declarationsLayOverTheDirectoryAndHoldForTheUnitsBelow() throws {
        let (directory, _) = try Fixture.shipped()
        let school = try #require(directory.unit("thcs-binh-son"))
        let authority = try #require(school.parent)
        let monday = CivilDay(year: 2026, month: 12, day: 7)
        let declared = directory.declaring(
            DirectoryDeclarations(
                closures: [authority: [.init(first: monday, last: monday, reason: "Bão số 15")]],
                absences: [
                    "ht-thcs-binh-son": [
                        Absence(first: monday, last: monday, delegate: "pht-thcs-binh-son", reason: "Ốm")
                    ]
                ]
            )
        )
        #expect(directory.calendar(for: school.id).isWorkingDay(monday))
        #expect(!declared.calendar(for: school.id).isWorkingDay(monday))
        #expect(!declared.calendar(for: authority).isWorkingDay(monday))
        #expect(declared.unit(school.id, isAtOrBelow: authority))
        #expect(!declared.unit(authority, isAtOrBelow: school.id))
        let head = try #require(declared.officer("ht-thcs-binh-son"))
        #expect(declared.standingIn(for: head, at: monday.at(hour: 9))?.id == "pht-thcs-binh-son")
        #expect(directory.standingIn(for: head, at: monday.at(hour: 9))?.id == head.id)
        let onDuty = directory.declaring(
            DirectoryDeclarations(duty: [
                authority: [DutyShift(officer: "tp-vhxh-binh-son", first: monday, last: monday)]
            ])
        )
        #expect(onDuty.officers(.dutyOfficer, of: school.id, at: monday.at(hour: 2)).map(\.id) == ["tp-vhxh-binh-son"])
        #expect(onDuty.officers(.dutyOfficer, of: school.id, at: monday.adding(days: 1).at(hour: 2)).isEmpty)
    }
}
