import Foundation

/// When a unit works: its hours on each weekday, and the days it does not work (public holidays,
/// holidays its authority declared, closures). Deadlines that the policy runs on working time
/// are counted here: only time inside working hours counts (issue 29).
///
/// Times are Asia/Ho_Chi_Minh, which has no daylight saving, so a working day's periods are the
/// same length all year.
public struct WorkingCalendar: Sendable, Hashable {
    /// A stretch of working time within a day, in minutes after midnight.
    public struct Period: Sendable, Hashable {
        /// The first working minute.
        public var start: Int
        /// The minute after the last working one.
        public var end: Int

        /// `start` to `end`, e.g. `Period(start: 7 * 60, end: 11 * 60 + 30)`.
        public init(start: Int, end: Int) {
            self.start = start
            self.end = end
        }
    }

    /// The working periods of each weekday (1 Sunday … 7 Saturday), in order, not overlapping.
    public var hours: [Int: [Period]]
    /// Days off on top of the public holidays: Tết as the Government fixed it, days off in lieu,
    /// the summer break, a storm or a lockdown.
    public var declaredHolidays: Set<CivilDay>
    /// Whether Vietnam's public holidays (`PublicHolidays`) are days off.
    public var observesPublicHolidays: Bool
    /// Stretches of days off: a storm, a lockdown, a closure the authority declared.
    public var closures: [Closure]
    /// For a school, its year: between its end and the next start (the summer break) the school
    /// works only its break hours (the summer duty, "lịch trực hè"). `nil` for an office that
    /// works all year.
    public var schoolYear: SchoolYear?

    /// Days off from `first` to `last`, both included, and why.
    public struct Closure: Sendable, Hashable, DaySpan {
        /// The first day off.
        public var first: CivilDay
        /// The last day off.
        public var last: CivilDay
        /// Why, as the authority wrote it, e.g. "Bão số 13".
        public var reason: String

        /// A closure.
        public init(first: CivilDay, last: CivilDay, reason: String) {
            self.first = first
            self.last = last
            self.reason = reason
        }
    }

    /// A school year by month and day, e.g. 5 September to 31 May: the same every year.
    public struct SchoolYear: Sendable, Hashable {
        /// The first day of the year (month, day), e.g. (9, 5).
        public var starts: MonthDay
        /// The last day of the year (month, day), e.g. (5, 31).
        public var ends: MonthDay
        /// The working periods of each weekday during the break; none means the break is not
        /// worked at all.
        public var breakHours: [Int: [Period]]

        /// A school year.
        public init(starts: MonthDay, ends: MonthDay, breakHours: [Int: [Period]] = [:]) {
            self.starts = starts
            self.ends = ends
            self.breakHours = breakHours
        }

        /// Whether `day` falls in the break between the year's end and the next start.
        public func isBreak(_ day: CivilDay) -> Bool {
            let date = MonthDay(month: day.month, day: day.day)
            return ends < starts ? ends < date && date < starts : !(starts <= date && date <= ends)
        }
    }

    /// A day of the year without the year, e.g. 05-31.
    public struct MonthDay: Sendable, Hashable, Comparable, CustomStringConvertible {
        /// 1 to 12.
        public var month: Int
        /// 1 to 31.
        public var day: Int

        /// A month and day.
        public init(month: Int, day: Int) {
            self.month = month
            self.day = day
        }

        /// Parses `MM-DD`; `nil` for anything else or a day no year has.
        public init?(_ text: String) {
            let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0].count == 2, parts[1].count == 2, let month = Int(parts[0]),
                let day = Int(parts[1]), CivilDay("2028-\(parts[0])-\(parts[1])") != nil
            else { return nil }
            self.init(month: month, day: day)
        }

        /// `MM-DD`.
        public var description: String { String(format: "%02d-%02d", month, day) }

        /// Whether `lhs` comes earlier in the year.
        public static func < (lhs: MonthDay, rhs: MonthDay) -> Bool { (lhs.month, lhs.day) < (rhs.month, rhs.day) }
    }

    /// A calendar.
    public init(
        hours: [Int: [Period]],
        declaredHolidays: Set<CivilDay> = [],
        observesPublicHolidays: Bool = true,
        closures: [Closure] = [],
        schoolYear: SchoolYear? = nil
    ) {
        self.hours = hours
        self.declaredHolidays = declaredHolidays
        self.observesPublicHolidays = observesPublicHolidays
        self.closures = closures
        self.schoolYear = schoolYear
    }

    /// A school office's week: Monday to Friday, 07:00–11:30 and 13:30–17:00.
    public static let schoolOffice = WorkingCalendar(
        hours: Dictionary(
            uniqueKeysWithValues: (2...6).map {
                ($0, [Period(start: 7 * 60, end: 11 * 60 + 30), Period(start: 13 * 60 + 30, end: 17 * 60)])
            }
        )
    )

    /// Whether `day` is a working day.
    public func isWorkingDay(_ day: CivilDay) -> Bool {
        var holidays: [Int: Set<CivilDay>] = [:]
        return isWorkingDay(day, publicHolidays: &holidays)
    }

    /// Whether `day` is a working day; `publicHolidays` keeps each year's holidays, so a walk over
    /// many days works them out once a year.
    private func isWorkingDay(_ day: CivilDay, publicHolidays: inout [Int: Set<CivilDay>]) -> Bool {
        guard !periods(on: day).isEmpty, !declaredHolidays.contains(day) else { return false }
        guard !closures.contains(where: { $0.contains(day) }) else { return false }
        guard observesPublicHolidays else { return true }
        if publicHolidays[day.year] == nil {
            publicHolidays[day.year] = Set(PublicHolidays.of(year: day.year).map(\.day))
        }
        return publicHolidays[day.year]?.contains(day) != true
    }

    /// The working periods of `day`'s weekday: the break hours in a school's summer break, the
    /// usual hours otherwise (holidays and closures aside).
    private func periods(on day: CivilDay) -> [Period] {
        if let schoolYear, schoolYear.isBreak(day) { return schoolYear.breakHours[day.weekday] ?? [] }
        return hours[day.weekday] ?? []
    }

    /// Whether `date` falls inside working hours.
    public func isWorking(at date: Date) -> Bool {
        let day = CivilDay(date)
        guard isWorkingDay(day) else { return false }
        let minute = Self.minuteOfDay(date)
        return periods(on: day).contains { $0.start <= minute && minute < $0.end }
    }

    /// The instant when `duration` of working time has passed since `start`: the time inside
    /// working hours is counted, the rest skipped. A zero duration is `start` itself; a positive
    /// one always ends inside, or at the close of, a working period. `nil` when no working day
    /// comes within `searchDays` (a calendar without working hours).
    public func adding(_ duration: TimeInterval, to start: Date, searchDays: Int = 3 * 366) -> Date? {
        guard duration > 0 else { return start }
        var remaining = duration
        var day = CivilDay(start)
        var holidays: [Int: Set<CivilDay>] = [:]
        for _ in 0..<searchDays {
            if isWorkingDay(day, publicHolidays: &holidays) {
                for period in periods(on: day) {
                    let opens = max(day.at(hour: 0).addingTimeInterval(Double(period.start) * 60), start)
                    let closes = day.at(hour: 0).addingTimeInterval(Double(period.end) * 60)
                    guard closes > opens else { continue }
                    let available = closes.timeIntervalSince(opens)
                    if remaining <= available { return opens.addingTimeInterval(remaining) }
                    remaining -= available
                }
            }
            day = day.adding(days: 1)
        }
        return nil
    }

    /// The instant `duration` of working time before `end`: the mirror of `adding`, for
    /// reminders before a deadline counted in working time. A positive duration always starts
    /// inside, or at the opening of, a working period. `nil` when no working day comes within
    /// `searchDays` before `end`.
    public func subtracting(_ duration: TimeInterval, from end: Date, searchDays: Int = 3 * 366) -> Date? {
        guard duration > 0 else { return end }
        var remaining = duration
        var day = CivilDay(end)
        var holidays: [Int: Set<CivilDay>] = [:]
        for _ in 0..<searchDays {
            if isWorkingDay(day, publicHolidays: &holidays) {
                for period in periods(on: day).reversed() {
                    let opens = day.at(hour: 0).addingTimeInterval(Double(period.start) * 60)
                    let closes = min(day.at(hour: 0).addingTimeInterval(Double(period.end) * 60), end)
                    guard closes > opens else { continue }
                    let available = closes.timeIntervalSince(opens)
                    if remaining <= available { return closes.addingTimeInterval(-remaining) }
                    remaining -= available
                }
            }
            day = day.adding(days: -1)
        }
        return nil
    }

    /// The working time between `start` and `end` (zero when `end` is not later).
    public func workingTime(from start: Date, to end: Date) -> TimeInterval {
        guard end > start else { return 0 }
        var total: TimeInterval = 0
        var day = CivilDay(start)
        let last = CivilDay(end)
        var holidays: [Int: Set<CivilDay>] = [:]
        while day <= last {
            if isWorkingDay(day, publicHolidays: &holidays) {
                for period in periods(on: day) {
                    let opens = max(day.at(hour: 0).addingTimeInterval(Double(period.start) * 60), start)
                    let closes = min(day.at(hour: 0).addingTimeInterval(Double(period.end) * 60), end)
                    if closes > opens { total += closes.timeIntervalSince(opens) }
                }
            }
            day = day.adding(days: 1)
        }
        return total
    }

    private static func minuteOfDay(_ date: Date) -> Int {
        let parts = LocalTime.calendar.dateComponents([.hour, .minute], from: date)
        return (parts.hour ?? 0) * 60 + (parts.minute ?? 0)
    }
}
