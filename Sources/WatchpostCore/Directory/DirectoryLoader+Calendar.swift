import Foundation
import Yams

extension Directory {
    /// A unit's `calendar:` (issue 29): its working `hours` per weekday, the `holidays` it
    /// declares, its `closures`, its `school_year` and whether it observes the `public_holidays`.
    /// Every key is optional; what is left out is inherited from the units above.
    static func parseCalendar(_ node: Node?, unit: UnitID, _ reader: inout ConfigReader) -> UnitCalendar? {
        let what = "the `calendar` of unit `\(unit)`"
        guard let map = reader.mapping(node, what) else { return nil }
        reader.rejectUnknownKeys(
            map,
            allowed: ["hours", "holidays", "closures", "school_year", "public_holidays"],
            in: what
        )
        var calendar = UnitCalendar()
        if let hours = map["hours"] { calendar.hours = parseHours(hours, what: what, &reader) }
        for entry in reader.list(map["holidays"], "`holidays` of \(what)") {
            guard let text = reader.string(entry, "a holiday") else { continue }
            guard let day = CivilDay(text) else {
                reader.report(entry, "\(what): holiday `\(text)` is not a date written YYYY-MM-DD")
                continue
            }
            calendar.holidays.insert(day)
        }
        for entry in reader.list(map["closures"], "`closures` of \(what)") {
            if let closure = parseClosure(entry, what: what, &reader) { calendar.closures.append(closure) }
        }
        if let node = map["school_year"] { calendar.schoolYear = parseSchoolYear(node, what: what, &reader) }
        if let node = map["public_holidays"], let text = reader.string(node, "`public_holidays`") {
            switch text {
            case "true", "yes": calendar.observesPublicHolidays = true
            case "false", "no": calendar.observesPublicHolidays = false
            default: reader.report(node, "\(what): `public_holidays` must be true or false, not `\(text)`")
            }
        }
        return calendar
    }

    /// `hours`: `monday` … `sunday`, or `monday_to_friday` for the five, each a list of
    /// `HH:MM-HH:MM` periods in order, or `closed`. A weekday left out is not worked.
    private static func parseHours(_ node: Node, what: String, _ reader: inout ConfigReader)
        -> [Int: [WorkingCalendar.Period]]?
    {
        guard let map = reader.mapping(node, "`hours` of \(what)") else { return nil }
        let byName = Dictionary(uniqueKeysWithValues: UnitCalendar.weekdayNames.map { ($1, $0) })
        reader.rejectUnknownKeys(
            map,
            allowed: ["monday_to_friday"] + [2, 3, 4, 5, 6, 7, 1].compactMap { UnitCalendar.weekdayNames[$0] },
            in: "`hours` of \(what)"
        )
        var hours: [Int: [WorkingCalendar.Period]] = [:]
        for (key, value) in map.mapping {
            guard let name = key.string else { continue }
            let weekdays = name == "monday_to_friday" ? [2, 3, 4, 5, 6] : byName[name].map { [$0] } ?? []
            guard !weekdays.isEmpty else { continue }
            var periods: [WorkingCalendar.Period] = []
            if value.string != "closed" {
                for entry in reader.list(value, "`hours.\(name)` of \(what)") {
                    guard let text = reader.string(entry, "a period") else { continue }
                    guard let period = WorkingCalendar.Period(text) else {
                        reader.report(entry, "\(what): `\(text)` is not a period written HH:MM-HH:MM, start before end")
                        continue
                    }
                    if let previous = periods.last, previous.end > period.start {
                        reader.report(entry, "\(what): `\(text)` starts before \(previous) ends; list periods in order")
                        continue
                    }
                    periods.append(period)
                }
            }
            for weekday in weekdays {
                if hours[weekday] != nil {
                    reader.report(
                        key,
                        "\(what): the hours of `\(UnitCalendar.weekdayNames[weekday] ?? name)` are given twice"
                    )
                }
                hours[weekday] = periods
            }
        }
        if hours.values.allSatisfy(\.isEmpty) {
            reader.report(node, "\(what): `hours` has no working period at all; no deadline could run on working time")
        }
        return hours
    }

    /// A closure: `{ from: YYYY-MM-DD, to: YYYY-MM-DD, reason: … }`.
    private static func parseClosure(_ node: Node, what: String, _ reader: inout ConfigReader)
        -> WorkingCalendar.Closure?
    {
        guard let map = reader.mapping(node, "a closure of \(what)") else { return nil }
        reader.rejectUnknownKeys(map, allowed: ["from", "to", "reason"], in: "a closure of \(what)")
        guard let from = reader.required(map, "from", in: "a closure of \(what)"),
            let to = reader.required(map, "to", in: "a closure of \(what)"),
            let reason = reader.required(map, "reason", in: "a closure of \(what)")
        else { return nil }
        guard let first = CivilDay(from), let last = CivilDay(to), first <= last else {
            reader.report(node, "\(what): a closure runs from one date to a later or equal one, written YYYY-MM-DD")
            return nil
        }
        return WorkingCalendar.Closure(first: first, last: last, reason: reason)
    }

    /// `school_year: { starts: MM-DD, ends: MM-DD, break_hours: … }`, `break_hours` written as
    /// `hours` are: the summer duty; without it the break is not worked.
    private static func parseSchoolYear(_ node: Node, what: String, _ reader: inout ConfigReader)
        -> WorkingCalendar.SchoolYear?
    {
        guard let map = reader.mapping(node, "`school_year` of \(what)") else { return nil }
        reader.rejectUnknownKeys(map, allowed: ["starts", "ends", "break_hours"], in: "`school_year` of \(what)")
        guard let starts = reader.required(map, "starts", in: "`school_year` of \(what)"),
            let ends = reader.required(map, "ends", in: "`school_year` of \(what)")
        else { return nil }
        guard let start = WorkingCalendar.MonthDay(starts), let end = WorkingCalendar.MonthDay(ends), start != end
        else {
            reader.report(node, "\(what): `school_year` needs `starts` and `ends` as two different days written MM-DD")
            return nil
        }
        let breakHours = map["break_hours"].flatMap { parseHours($0, what: "the break of \(what)", &reader) } ?? [:]
        return WorkingCalendar.SchoolYear(starts: start, ends: end, breakHours: breakHours)
    }
}
