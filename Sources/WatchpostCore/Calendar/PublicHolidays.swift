/// Vietnam's public holidays (ngày nghỉ lễ, Tết) under Article 112 of the Labour Code
/// (45/2019/QH14), as a calendar's starting point: New Year's Day (1/1), Tết (five days: the
/// last day of the lunar year and the first four of the new one, the span the Government has
/// decided every year since 2021), the Hùng Kings' Commemoration (10/3 lunar), Reunification
/// Day (30/4), International Workers' Day (1/5), and National Day (2/9 and the day before).
///
/// The Prime Minister fixes each year's Tết days and the second National Day holiday, and may
/// swap working days; an authority declares those, and days off in lieu, in its calendar
/// (`WorkingCalendar.declaredHolidays`), which add to these.
public enum PublicHolidays {
    /// One holiday: its day and its name in Vietnamese.
    public struct Holiday: Sendable, Hashable {
        /// The day.
        public var day: CivilDay
        /// Its name, e.g. "Tết Nguyên đán (mùng 1)".
        public var name: String
    }

    /// The holidays of civil year `year`, in date order.
    public static func of(year: Int) -> [Holiday] {
        var holidays = [
            Holiday(day: CivilDay(year: year, month: 1, day: 1), name: "Tết Dương lịch"),
            Holiday(day: CivilDay(year: year, month: 4, day: 30), name: "Ngày Chiến thắng"),
            Holiday(day: CivilDay(year: year, month: 5, day: 1), name: "Ngày Quốc tế lao động"),
            Holiday(day: CivilDay(year: year, month: 9, day: 1), name: "Quốc khánh (ngày liền kề)"),
            Holiday(day: CivilDay(year: year, month: 9, day: 2), name: "Quốc khánh"),
        ]
        if let hungKings = LunarCalendar.civil(LunarCalendar.Day(day: 10, month: 3, year: year)) {
            holidays.append(Holiday(day: hungKings, name: "Giỗ Tổ Hùng Vương"))
        }
        if let tet = tet(of: year) {
            holidays.append(Holiday(day: tet.adding(days: -1), name: "Tết Nguyên đán (30 Tết)"))
            for offset in 0..<4 {
                holidays.append(Holiday(day: tet.adding(days: offset), name: "Tết Nguyên đán (mùng \(offset + 1))"))
            }
        }
        return holidays.filter { $0.day.year == year }.sorted { $0.day < $1.day }
    }

    /// The first day of the lunar year that starts in civil year `year` (mùng 1 Tết).
    public static func tet(of year: Int) -> CivilDay? {
        LunarCalendar.civil(LunarCalendar.Day(day: 1, month: 1, year: year))
    }
}
