import Foundation
import Testing

@testable import WatchpostCore

/// Calendars as data (issue 29): each unit's `calendar:` in directory.yaml, inherited down the
/// tree; hours and the school year from the nearest unit that sets them, holidays and closures
/// from every unit above.
struct DirectoryCalendarTests {
    static func directory(_ edit: (String) -> String = { $0 }) throws -> Directory {
        try Directory.load(yaml: edit(try String(contentsOf: Fixture.directoryURL, encoding: .utf8)), file: "d.yaml")
    }

    static let schoolUnit = "  - id: thcs-binh-son\n"

    @Test func aSchoolInheritsTheProvincesHoursAndSummerDutyAndAnOfficeHasNoSummerBreak() throws {
        let directory = try Self.directory()
        let school = directory.calendar(for: "thcs-binh-son")
        let office = directory.calendar(for: "vhxh-xa-binh-son")
        let monday = CivilDay(year: 2026, month: 12, day: 7)
        #expect(school.isWorking(at: monday.at(hour: 8)))
        #expect(!school.isWorking(at: monday.at(hour: 12)))
        // Summer: 6 July 2026 is a Monday (duty), 7 July a Tuesday (no duty at school).
        #expect(school.isWorking(at: CivilDay(year: 2026, month: 7, day: 6).at(hour: 8)))
        #expect(!school.isWorking(at: CivilDay(year: 2026, month: 7, day: 7).at(hour: 8)))
        #expect(office.isWorking(at: CivilDay(year: 2026, month: 7, day: 7).at(hour: 8)))
    }

    @Test func aSchoolOverridesItsHoursAndAddsToTheHolidaysAndClosuresAbove() throws {
        let directory = try Self.directory {
            $0.replacingOccurrences(
                of: Self.schoolUnit,
                with: Self.schoolUnit + """
                        calendar:
                          hours:
                            monday_to_friday: [07:00-11:30, 13:30-17:00]
                            saturday: [07:00-11:00]
                          holidays: [2026-12-14]
                          closures:
                            - { from: 2026-12-21, to: 2026-12-22, reason: "Bão số 15" }

                    """
            )
            .replacingOccurrences(
                of: "      # holidays: [2027-02-10]\n",
                with: "      holidays: [2026-12-15]\n"
            )
        }
        let school = directory.calendar(for: "thcs-binh-son")
        let neighbour = directory.calendar(for: "th-binh-long")
        let saturday = CivilDay(year: 2026, month: 12, day: 12)
        #expect(school.isWorking(at: saturday.at(hour: 8)))
        #expect(!neighbour.isWorking(at: saturday.at(hour: 8)))
        for day in [14, 15, 21, 22] {
            #expect(!school.isWorkingDay(CivilDay(year: 2026, month: 12, day: day)), "12/\(day)")
        }
        // The province's holiday reaches the neighbour; the school's own do not.
        #expect(!neighbour.isWorkingDay(CivilDay(year: 2026, month: 12, day: 15)))
        #expect(neighbour.isWorkingDay(CivilDay(year: 2026, month: 12, day: 14)))
        #expect(neighbour.isWorkingDay(CivilDay(year: 2026, month: 12, day: 21)))
        #expect(
            directory.unit("thcs-binh-son")?.calendar?.lines.contains("closed 2026-12-21..2026-12-22 Bão số 15") == true
        )
    }

    static let broken: [BrokenConfig] = [
        BrokenConfig(
            name: "a period that ends before it starts",
            replacing: "        monday_to_friday: [07:00-11:30, 13:30-17:00]",
            with: "        monday_to_friday: [07:00-11:30, 17:00-13:30] #!",
            expectedMessage: "`17:00-13:30` is not a period written HH:MM-HH:MM, start before end"
        ),
        BrokenConfig(
            name: "an unknown weekday",
            replacing: "        monday_to_friday: [07:00-11:30, 13:30-17:00]",
            with: "        monday_to_friday: [07:00-11:30, 13:30-17:00]\n        caturday: [07:00-11:00] #!",
            expectedMessage: "unknown key `caturday`"
        ),
        BrokenConfig(
            name: "a holiday that is not a date",
            replacing: "      # holidays: [2027-02-10]",
            with: "      holidays: [2027-02-30] #!",
            expectedMessage: "holiday `2027-02-30` is not a date written YYYY-MM-DD"
        ),
        BrokenConfig(
            name: "a closure that ends before it starts",
            replacing: "      # closures:\n      #   - { from: 2026-11-06, to: 2026-11-07, reason: \"Bão số 13\" }",
            with: "      closures:\n        - { from: 2026-11-07, to: 2026-11-06, reason: \"Bão số 13\" } #!",
            expectedMessage: "a closure runs from one date to a later or equal one"
        ),
    ]

    @Test(arguments: broken)
    func theLoaderNamesTheCalendarFieldAndWhy(_ broken: BrokenConfig) throws {
        let shipped = try String(contentsOf: Fixture.directoryURL, encoding: .utf8)
        broken.check(base: shipped, file: "Config/directory.yaml") { yaml, file throws(ConfigError) in
            _ = try Directory.load(yaml: yaml, file: file)
        }
    }
}
