import Foundation

/// What one unit's `calendar:` in `directory.yaml` says, before inheritance (issue 29).
///
/// A unit's working calendar is built along its path to the top of the tree (`Directory.calendar`):
/// the nearest unit that sets `hours` gives the hours and the nearest that sets `school_year`
/// gives the school year (for schools only: an office works all year), while holidays and
/// closures add up, so what the province or an authority declares holds for every unit below it.
public struct UnitCalendar: Sendable, Hashable {
    /// Working periods per weekday (1 Sunday … 7 Saturday); `nil` to inherit them.
    public var hours: [Int: [WorkingCalendar.Period]]?
    /// Days off the unit declares (Tết as the Government fixed it, days in lieu).
    public var holidays: Set<CivilDay>
    /// Stretches of days off (a storm, a lockdown).
    public var closures: [WorkingCalendar.Closure]
    /// The school year, for the schools at or below this unit; `nil` to inherit it.
    public var schoolYear: WorkingCalendar.SchoolYear?
    /// Whether Vietnam's public holidays are days off; `nil` to inherit (the default is yes).
    public var observesPublicHolidays: Bool?

    /// A unit's calendar settings; everything left out is inherited.
    public init(
        hours: [Int: [WorkingCalendar.Period]]? = nil,
        holidays: Set<CivilDay> = [],
        closures: [WorkingCalendar.Closure] = [],
        schoolYear: WorkingCalendar.SchoolYear? = nil,
        observesPublicHolidays: Bool? = nil
    ) {
        self.hours = hours
        self.holidays = holidays
        self.closures = closures
        self.schoolYear = schoolYear
        self.observesPublicHolidays = observesPublicHolidays
    }

    /// The weekday names `hours` is written with, by `Calendar` weekday number.
    public static let weekdayNames = [
        2: "monday", 3: "tuesday", 4: "wednesday", 5: "thursday", 6: "friday", 7: "saturday", 1: "sunday",
    ]

    /// The working calendar of a unit of `kind` whose own settings and its ancestors' are
    /// `path`, nearest first. Without any hours on the path, a school office's week
    /// (`WorkingCalendar.schoolOffice`).
    public static func resolve(_ path: [UnitCalendar], kind: UnitKind) -> WorkingCalendar {
        var calendar = WorkingCalendar.schoolOffice
        if let hours = path.lazy.compactMap(\.hours).first { calendar.hours = hours }
        calendar.declaredHolidays = path.reduce(into: Set<CivilDay>()) { $0.formUnion($1.holidays) }
        calendar.closures = path.flatMap(\.closures)
        calendar.observesPublicHolidays = path.lazy.compactMap(\.observesPublicHolidays).first ?? true
        calendar.schoolYear = kind.isSchool ? path.lazy.compactMap(\.schoolYear).first : nil
        return calendar
    }

    /// One line per setting, in a fixed order: what the store keeps in the unit's history, so an
    /// old deadline stays explainable after the calendar changes.
    public var lines: [String] {
        var lines: [String] = []
        if let hours { lines += Self.lines(hours, prefix: "") }
        lines += holidays.sorted().map { "holiday \($0)" }
        lines += closures.map { "closed \($0.first)..\($0.last) \($0.reason)" }
        if let schoolYear {
            lines.append("school_year \(schoolYear.starts)..\(schoolYear.ends)")
            lines += Self.lines(schoolYear.breakHours, prefix: "break ")
        }
        if let observesPublicHolidays { lines.append("public_holidays \(observesPublicHolidays ? "yes" : "no")") }
        return lines
    }

    private static func lines(_ hours: [Int: [WorkingCalendar.Period]], prefix: String) -> [String] {
        [2, 3, 4, 5, 6, 7, 1].map { weekday in
            let periods = (hours[weekday] ?? []).map(\.description).joined(separator: " ")
            return "\(prefix)\(weekdayNames[weekday] ?? "\(weekday)") \(periods.isEmpty ? "closed" : periods)"
        }
    }
}

extension WorkingCalendar.Period: CustomStringConvertible {
    /// `HH:MM-HH:MM`.
    public var description: String {
        String(format: "%02d:%02d-%02d:%02d", start / 60, start % 60, end / 60, end % 60)
    }

    /// Parses `HH:MM-HH:MM` within one day, start before end; `nil` otherwise.
    public init?(_ text: String) {
        let ends = text.split(separator: "-", omittingEmptySubsequences: false)
        guard ends.count == 2, let start = Self.minute(ends[0]), let end = Self.minute(ends[1]), start < end else {
            return nil
        }
        self.init(start: start, end: end)
    }

    private static func minute(_ text: Substring) -> Int? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2, let hour = Int(parts[0]),
            let minute = Int(parts[1]), (0...24).contains(hour), (0..<60).contains(minute), hour * 60 + minute <= 1440
        else { return nil }
        return hour * 60 + minute
    }
}
