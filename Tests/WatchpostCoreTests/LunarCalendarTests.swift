import Foundation
import PropertyBased
import Testing

@testable import WatchpostCore

/// The lunar calendar against the dates the Government published for Tết and for the Hùng Kings'
/// Commemoration (10/3 lunar), 2020 to 2030, and against itself.
struct LunarCalendarTests {
    /// Mùng 1 Tết, as announced each year. In 2030 the new moon falls just before midnight in
    /// Vietnam (UTC+7) and just after it in China (UTC+8): Tết is 2 February, China's New Year 3
    /// February.
    static let tet: [(Int, String)] = [
        (2020, "2020-01-25"), (2021, "2021-02-12"), (2022, "2022-02-01"), (2023, "2023-01-22"),
        (2024, "2024-02-10"), (2025, "2025-01-29"), (2026, "2026-02-17"), (2027, "2027-02-06"),
        (2028, "2028-01-26"), (2029, "2029-02-13"), (2030, "2030-02-02"),
    ]
    /// Giỗ Tổ Hùng Vương, 10/3 lunar.
    static let hungKings: [(Int, String)] = [
        (2020, "2020-04-02"), (2021, "2021-04-21"), (2022, "2022-04-10"), (2023, "2023-04-29"),
        (2024, "2024-04-18"), (2025, "2025-04-07"), (2026, "2026-04-26"), (2027, "2027-04-16"),
        (2028, "2028-04-04"), (2029, "2029-04-23"), (2030, "2030-04-12"),
    ]

    @Test(arguments: tet)
    func tetFallsOnThePublishedDay(year: Int, published: String) {
        #expect(PublicHolidays.tet(of: year)?.description == published)
        #expect(LunarCalendar.lunar(CivilDay(published)!) == LunarCalendar.Day(day: 1, month: 1, year: year))
    }

    @Test(arguments: hungKings)
    func theHungKingsCommemorationFallsOnThePublishedDay(year: Int, published: String) {
        let day = PublicHolidays.of(year: year).first { $0.name == "Giỗ Tổ Hùng Vương" }?.day
        #expect(day?.description == published)
    }

    /// 2023 had a leap second month (tháng 2 nhuận): 22 March to 19 April 2023.
    @Test func aLeapMonthIsNamedAndCanBeConvertedBack() {
        let day = LunarCalendar.lunar(CivilDay(year: 2023, month: 3, day: 22))
        #expect(day == LunarCalendar.Day(day: 1, month: 2, year: 2023, isLeapMonth: true))
        #expect(LunarCalendar.civil(day) == CivilDay(year: 2023, month: 3, day: 22))
        #expect(LunarCalendar.civil(LunarCalendar.Day(day: 1, month: 5, year: 2023, isLeapMonth: true)) == nil)
    }

    @Test func everyCivilDayFrom2019To2031RoundTripsThroughTheLunarCalendar() {
        var day = CivilDay(year: 2019, month: 1, day: 1)
        var previous = LunarCalendar.lunar(day.adding(days: -1))
        while day.year < 2032 {
            let lunar = LunarCalendar.lunar(day)
            #expect(LunarCalendar.civil(lunar) == day, "\(day) → \(lunar)")
            // Lunar days go up by one, or a new month starts at 1 after day 29 or 30.
            let next = lunar.day == previous.day + 1 || (lunar.day == 1 && (29...30).contains(previous.day))
            #expect(next, "\(day): \(previous) then \(lunar)")
            previous = lunar
            day = day.adding(days: 1)
        }
    }

    @Test func weekdaysAreTheCalendarsWeekdays() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...20_000)) { offset in
            let day = CivilDay(year: 2000, month: 1, day: 1).adding(days: offset)
            let weekday = LocalTime.calendar.component(.weekday, from: day.at(hour: 12))
            #expect(day.weekday == weekday)
            #expect(CivilDay(day.at(hour: 23, minute: 59)) == day)
        }
    }
}
