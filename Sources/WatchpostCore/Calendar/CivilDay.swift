import Foundation

/// A date of the civil (Gregorian) calendar in Vietnam, without a time: what a holiday, a school
/// year or a closure is made of.
public struct CivilDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The year.
    public var year: Int
    /// 1 to 12.
    public var month: Int
    /// 1 to 31.
    public var day: Int

    /// A civil day.
    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The day of `date` in Asia/Ho_Chi_Minh.
    public init(_ date: Date) {
        let parts = LocalTime.calendar.dateComponents([.year, .month, .day], from: date)
        self.init(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
    }

    /// Parses `YYYY-MM-DD`; `nil` for any other text or a date that does not exist.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        let candidate = CivilDay(year: year, month: month, day: day)
        guard candidate.adding(days: 0) == candidate else { return nil }
        self = candidate
    }

    /// The day `days` later (earlier when negative).
    public func adding(days: Int) -> CivilDay {
        LunarCalendar.civilDay(LunarCalendar.julianDay(self) + days)
    }

    /// Its weekday: 1 is Sunday, 2 Monday, … 7 Saturday (as `Calendar` counts them).
    public var weekday: Int {
        (LunarCalendar.julianDay(self) + 1) % 7 + 1
    }

    /// The instant `hour`:`minute` of this day in Asia/Ho_Chi_Minh.
    public func at(hour: Int, minute: Int = 0) -> Date {
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute)
        return LocalTime.calendar.date(from: components) ?? Date(timeIntervalSince1970: 0)
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }

    /// Whether `lhs` comes before `rhs`.
    public static func < (lhs: CivilDay, rhs: CivilDay) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

/// A run of whole days in Vietnam, both ends included: a closure, an absence, a duty period.
public protocol DaySpan {
    /// The first day.
    var first: CivilDay { get }
    /// The last day.
    var last: CivilDay { get }
}

extension DaySpan {
    /// Whether `day` is one of its days.
    public func contains(_ day: CivilDay) -> Bool { first <= day && day <= last }

    /// Whether `date` (in Vietnam) falls on one of its days.
    public func covers(_ date: Date) -> Bool { contains(CivilDay(date)) }
}
