import Foundation

/// Formats absolute instants the way people in Vietnam read them: in Asia/Ho_Chi_Minh time.
///
/// Deadlines are stored as absolute `Date`s; only what is shown to a person is local.
/// Formatting is built from calendar components rather than `DateFormatter` so the output
/// does not depend on the ICU data of the machine.
public enum LocalTime {
    /// The time zone of every time shown to a person (UTC+7, no daylight saving).
    public static let timeZone: TimeZone =
        TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? TimeZone(secondsFromGMT: 7 * 3600) ?? .gmt

    /// The Gregorian calendar in `timeZone`, for local days, weeks, months and years.
    public static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    /// `date` in RFC 3339 at UTC+07:00, e.g. `2026-11-29T10:15:00.25+07:00`, for machines and
    /// operators. Vietnam has had no daylight saving since 1975: a fixed offset is exact.
    public static func rfc3339(_ date: Date) -> String {
        RFC3339.format(date, utcOffsetMinutes: 7 * 60)
    }

    /// The calendar year of `date` in Vietnam.
    public static func year(of date: Date) -> Int { calendar.component(.year, from: date) }

    /// English month names, January first.
    public static let englishMonthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]

    private static let englishMonths = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]

    /// Formats `date` for a reader of `locale`.
    ///
    /// `vi` gives "14 giờ 30 ngày 29/11/2026", as official correspondence writes a time; `en`
    /// gives "29 Nov 2026, 14:30 (UTC+7)".
    public static func format(_ date: Date, locale: DisplayLocale) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let year = parts.year ?? 0
        let month = parts.month ?? 1
        let day = parts.day ?? 1
        let (hour, minute) = (two(parts.hour ?? 0), two(parts.minute ?? 0))
        switch locale {
        case .vi:
            return "\(hour) giờ \(minute) ngày \(two(day))/\(two(month))/\(year)"
        case .en:
            let name = englishMonths[max(0, min(11, month - 1))]
            return "\(day) \(name) \(year), \(hour):\(minute) (UTC+7)"
        }
    }

    /// Vietnamese weekday names as correspondence writes them, Sunday first (`Calendar` order).
    static let vietnameseWeekdays = ["Chủ nhật", "thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy"]
    static let englishWeekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    /// `date` with its weekday, for a deadline counted in working time, where the day matters:
    /// `vi` gives "09 giờ 30 thứ Hai 08/12/2026"; `en` "Monday 8 Dec 2026, 09:30 (UTC+7)".
    public static func formatWithWeekday(_ date: Date, locale: DisplayLocale) -> String {
        let weekday = max(1, min(7, calendar.component(.weekday, from: date))) - 1
        switch locale {
        case .vi:
            let parts = calendar.dateComponents([.hour, .minute], from: date)
            let time = "\(two(parts.hour ?? 0)) giờ \(two(parts.minute ?? 0))"
            return "\(time) \(vietnameseWeekdays[weekday]) \(formatDay(date, locale: .vi))"
        case .en:
            return "\(englishWeekdays[weekday]) \(format(date, locale: .en))"
        }
    }

    /// The day of `date` for a reader of `locale`: `vi` gives "29/11/2026"; `en` "29 Nov 2026".
    public static func formatDay(_ date: Date, locale: DisplayLocale) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        let (year, month, day) = (parts.year ?? 0, parts.month ?? 1, parts.day ?? 1)
        switch locale {
        case .vi: return "\(two(day))/\(two(month))/\(year)"
        case .en: return "\(day) \(englishMonths[max(0, min(11, month - 1))]) \(year)"
        }
    }

    private static func two(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
