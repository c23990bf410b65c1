import Foundation

/// The Vietnamese lunisolar calendar (âm lịch), computed for Vietnam's time zone (UTC+7), which
/// is what makes its dates differ at times from the Chinese calendar's (UTC+8): Tết 2030 is on
/// 2 February, China's New Year on the 3rd.
///
/// The astronomy is Hồ Ngọc Đức's published algorithm ("Thuật toán tính âm lịch", after Jean
/// Meeus, *Astronomical Algorithms*): new moons and the sun's longitude from their series, month
/// 11 holding the winter solstice, and the leap month the first without a major solar term.
/// `LunarCalendarTests` checks it against the published dates of Tết and of the Hùng Kings'
/// Commemoration from 2020 to 2030.
public enum LunarCalendar {
    /// A day of the lunar calendar.
    public struct Day: Sendable, Hashable, CustomStringConvertible {
        /// 1 to 30.
        public var day: Int
        /// 1 to 12.
        public var month: Int
        /// The lunar year (it starts at Tết, so January's days often belong to the year before).
        public var year: Int
        /// Whether the month is the year's leap month (tháng nhuận).
        public var isLeapMonth: Bool

        /// A lunar day.
        public init(day: Int, month: Int, year: Int, isLeapMonth: Bool = false) {
            self.day = day
            self.month = month
            self.year = year
            self.isLeapMonth = isLeapMonth
        }

        /// "10/3 (nhuận)/2026" style, day/month/year.
        public var description: String { "\(day)/\(month)\(isLeapMonth ? " (nhuận)" : "")/\(year)" }
    }

    /// Vietnam's offset from UTC, in hours.
    static let timeZone = 7.0

    /// The lunar day of the civil date `day`.
    public static func lunar(_ day: CivilDay) -> Day {
        let dayNumber = julianDay(day)
        let k = Int(floor((Double(dayNumber) - 2_415_021.076998695) / 29.530588853))
        var monthStart = newMoonDay(k + 1)
        if monthStart > dayNumber { monthStart = newMoonDay(k) }
        var a11 = lunarMonth11(day.year)
        var b11 = a11
        var lunarYear: Int
        if a11 >= monthStart {
            lunarYear = day.year
            a11 = lunarMonth11(day.year - 1)
        } else {
            lunarYear = day.year + 1
            b11 = lunarMonth11(day.year + 1)
        }
        let lunarDay = dayNumber - monthStart + 1
        let diff = (monthStart - a11) / 29
        var isLeap = false
        var lunarMonth = diff + 11
        if b11 - a11 > 365 {
            let leapMonthDiff = leapMonthOffset(a11)
            if diff >= leapMonthDiff {
                lunarMonth = diff + 10
                if diff == leapMonthDiff { isLeap = true }
            }
        }
        if lunarMonth > 12 { lunarMonth -= 12 }
        if lunarMonth >= 11 && diff < 4 { lunarYear -= 1 }
        return Day(day: lunarDay, month: lunarMonth, year: lunarYear, isLeapMonth: isLeap)
    }

    /// The civil date of the lunar day `lunar`, or `nil` when it does not exist (a leap month
    /// the year does not have, or day 30 of a 29-day month).
    public static func civil(_ lunar: Day) -> CivilDay? {
        let a11: Int
        let b11: Int
        if lunar.month < 11 {
            a11 = lunarMonth11(lunar.year - 1)
            b11 = lunarMonth11(lunar.year)
        } else {
            a11 = lunarMonth11(lunar.year)
            b11 = lunarMonth11(lunar.year + 1)
        }
        let k = Int(floor(0.5 + (Double(a11) - 2_415_021.076998695) / 29.530588853))
        var offset = lunar.month - 11
        if offset < 0 { offset += 12 }
        if b11 - a11 > 365 {
            let leapOffset = leapMonthOffset(a11)
            var leapMonth = leapOffset - 2
            if leapMonth < 0 { leapMonth += 12 }
            if lunar.isLeapMonth && lunar.month != leapMonth { return nil }
            if lunar.isLeapMonth || offset >= leapOffset { offset += 1 }
        } else if lunar.isLeapMonth {
            return nil
        }
        let monthStart = newMoonDay(k + offset)
        let found = civilDay(monthStart + lunar.day - 1)
        // Day 30 of a 29-day month is the next month's first day: it does not exist.
        return Self.lunar(found) == lunar ? found : nil
    }

    // MARK: - Julian day numbers

    static func julianDay(_ day: CivilDay) -> Int {
        let a = (14 - day.month) / 12
        let y = day.year + 4800 - a
        let m = day.month + 12 * a - 3
        return day.day + (153 * m + 2) / 5 + 365 * y + y / 4 - y / 100 + y / 400 - 32045
    }

    static func civilDay(_ julianDay: Int) -> CivilDay {
        let a = julianDay + 32044
        let b = (4 * a + 3) / 146_097
        let c = a - (b * 146_097) / 4
        let d = (4 * c + 3) / 1461
        let e = c - (1461 * d) / 4
        let m = (5 * e + 2) / 153
        return CivilDay(
            year: b * 100 + d - 4800 + m / 10,
            month: m + 3 - 12 * (m / 10),
            day: e - (153 * m + 2) / 5 + 1
        )
    }

    // MARK: - Astronomy

    /// The Julian day (fractional, UT) of the `k`-th new moon after 1900-01-01.
    static func newMoon(_ k: Int) -> Double {
        let k = Double(k)
        let t = k / 1236.85
        let t2 = t * t
        let t3 = t2 * t
        let dr = Double.pi / 180
        var jd1 = 2_415_020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
        jd1 += 0.00033 * sin((166.56 + 132.87 * t - 0.009173 * t2) * dr)
        let m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3
        let mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3
        let f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3
        var c1 = (0.1734 - 0.000393 * t) * sin(m * dr) + 0.0021 * sin(2 * dr * m)
        c1 += -0.4068 * sin(mpr * dr) + 0.0161 * sin(dr * 2 * mpr)
        c1 += -0.0004 * sin(dr * 3 * mpr)
        c1 += 0.0104 * sin(dr * 2 * f) - 0.0051 * sin(dr * (m + mpr))
        c1 += -0.0074 * sin(dr * (m - mpr)) + 0.0004 * sin(dr * (2 * f + m))
        c1 += -0.0004 * sin(dr * (2 * f - m)) - 0.0006 * sin(dr * (2 * f + mpr))
        c1 += 0.0010 * sin(dr * (2 * f - mpr)) + 0.0005 * sin(dr * (2 * mpr + m))
        let deltaT =
            t < -11
            ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
            : -0.000278 + 0.000265 * t + 0.000262 * t2
        return jd1 + c1 - deltaT
    }

    /// The day number, in Vietnam, of the `k`-th new moon.
    static func newMoonDay(_ k: Int) -> Int {
        Int(floor(newMoon(k) + 0.5 + timeZone / 24))
    }

    /// The sun's longitude, in radians, at Julian day `jdn` (UT).
    static func sunLongitude(_ jdn: Double) -> Double {
        let t = (jdn - 2_451_545.0) / 36525
        let t2 = t * t
        let dr = Double.pi / 180
        let m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2
        let l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2
        var dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * sin(dr * m)
        dl += (0.019993 - 0.000101 * t) * sin(dr * 2 * m) + 0.000290 * sin(dr * 3 * m)
        var l = (l0 + dl) * dr
        l -= Double.pi * 2 * floor(l / (Double.pi * 2))
        return l
    }

    /// Which of the twelve 30° arcs the sun is in at the start of day `dayNumber` in Vietnam.
    static func sunArc(_ dayNumber: Int) -> Int {
        Int(floor(sunLongitude(Double(dayNumber) - 0.5 - timeZone / 24) / Double.pi * 6))
    }

    /// The first day of lunar month 11 (the month of the winter solstice) of civil year `year`.
    static func lunarMonth11(_ year: Int) -> Int {
        let offset = julianDay(CivilDay(year: year, month: 12, day: 31)) - 2_415_021
        let k = Int(floor(Double(offset) / 29.530588853))
        let newMoon = newMoonDay(k)
        return sunArc(newMoon) >= 9 ? newMoonDay(k - 1) : newMoon
    }

    /// How many months after month 11 starting at `a11` the leap month comes.
    static func leapMonthOffset(_ a11: Int) -> Int {
        let k = Int(floor((Double(a11) - 2_415_021.076998695) / 29.530588853 + 0.5))
        var index = 1
        var arc = sunArc(newMoonDay(k + index))
        var last: Int
        repeat {
            last = arc
            index += 1
            arc = sunArc(newMoonDay(k + index))
        } while arc != last && index < 14
        return index - 1
    }
}
