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

    /// A calendar.
    public init(hours: [Int: [Period]], declaredHolidays: Set<CivilDay> = [], observesPublicHolidays: Bool = true) {
        self.hours = hours
        self.declaredHolidays = declaredHolidays
        self.observesPublicHolidays = observesPublicHolidays
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
        guard !(hours[day.weekday] ?? []).isEmpty, !declaredHolidays.contains(day) else { return false }
        guard observesPublicHolidays else { return true }
        if publicHolidays[day.year] == nil {
            publicHolidays[day.year] = Set(PublicHolidays.of(year: day.year).map(\.day))
        }
        return publicHolidays[day.year]?.contains(day) != true
    }

    /// Whether `date` falls inside working hours.
    public func isWorking(at date: Date) -> Bool {
        let day = CivilDay(date)
        guard isWorkingDay(day) else { return false }
        let minute = Self.minuteOfDay(date)
        return (hours[day.weekday] ?? []).contains { $0.start <= minute && minute < $0.end }
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
                for period in hours[day.weekday] ?? [] {
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

    /// The working time between `start` and `end` (zero when `end` is not later).
    public func workingTime(from start: Date, to end: Date) -> TimeInterval {
        guard end > start else { return 0 }
        var total: TimeInterval = 0
        var day = CivilDay(start)
        let last = CivilDay(end)
        var holidays: [Int: Set<CivilDay>] = [:]
        while day <= last {
            if isWorkingDay(day, publicHolidays: &holidays) {
                for period in hours[day.weekday] ?? [] {
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
