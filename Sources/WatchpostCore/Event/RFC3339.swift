import Foundation

/// Reads and writes RFC 3339 timestamps without `DateFormatter` (locale- and platform-free).
///
/// Reading requires an explicit offset (`Z` or `±hh:mm`) and accepts fractional seconds, which are
/// rounded to microseconds (what PostgreSQL stores), so that writing then reading gives back the
/// same `Date`. Years written must lie in 1970...2099: a wider range is never a real incident,
/// and inside it every microsecond is exactly representable by `Date`.
public enum RFC3339 {
    /// Seconds between 1970-01-01 and 2001-01-01 (Foundation's reference date).
    private static let referenceOffset: Int64 = 978_307_200

    /// Parses `text`; on failure returns a plain-English reason.
    public static func parse(_ text: String) -> Result<Date, RFC3339Error> {
        let b = Array(text.utf8)
        func fail(_ reason: String) -> Result<Date, RFC3339Error> { .failure(RFC3339Error(reason: reason)) }
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= b.count else { return nil }
            var value = 0
            for i in range {
                guard (0x30...0x39).contains(b[i]) else { return nil }
                value = value * 10 + Int(b[i] - 0x30)
            }
            return value
        }
        let format = "must be an RFC 3339 time with an offset, e.g. 2026-11-29T10:15:00+07:00"
        guard b.count >= 20, let year = number(0..<4), b[4] == 0x2D, let month = number(5..<7), b[7] == 0x2D,
            let day = number(8..<10), b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t"),
            let hour = number(11..<13), b[13] == 0x3A, let minute = number(14..<16), b[16] == 0x3A,
            let second = number(17..<19)
        else { return fail(format) }
        var i = 19
        var micros = 0
        if b[i] == UInt8(ascii: ".") {
            i += 1
            let start = i
            var scale = 100_000.0
            var fraction = 0.0
            while i < b.count, (0x30...0x39).contains(b[i]) {
                fraction += Double(b[i] - 0x30) * scale
                scale /= 10
                i += 1
            }
            guard i > start else { return fail(format) }
            micros = Int(fraction.rounded())
        }
        guard i < b.count else { return fail("has no offset; add Z or ±hh:mm, e.g. +07:00") }
        var offsetSeconds = 0
        if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
            i += 1
        } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
            guard let oh = number(i + 1..<i + 3), i + 3 < b.count, b[i + 3] == 0x3A, let om = number(i + 4..<i + 6),
                oh <= 23, om <= 59
            else { return fail("has an invalid offset; use Z or ±hh:mm") }
            offsetSeconds = (oh * 3600 + om * 60) * (b[i] == UInt8(ascii: "-") ? -1 : 1)
            i += 6
        } else {
            return fail("has no offset; add Z or ±hh:mm, e.g. +07:00")
        }
        guard i == b.count else { return fail(format) }
        guard (1970...2099).contains(year) else { return fail("must lie in the years 1970 to 2099") }
        guard (1...12).contains(month), (1...daysInMonth(year, month)).contains(day), hour <= 23, minute <= 59
        else { return fail("is not a real date and time") }
        guard second <= 59 else { return fail("has a seconds value above 59 (leap seconds are not accepted)") }
        let unix =
            Int64(daysFromCivil(year, month, day)) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
            - Int64(offsetSeconds)
        return .success(date(referenceSeconds: unix - referenceOffset, micros: micros))
    }

    /// Writes `date` in UTC with a `Z` suffix and up to six fractional digits, trailing zeros dropped.
    public static func format(_ date: Date) -> String {
        format(date, utcOffsetMinutes: 0)
    }

    /// Writes `date` as local time at `utcOffsetMinutes` with a `±hh:mm` suffix (`Z` for 0),
    /// up to six fractional digits, trailing zeros dropped.
    public static func format(_ date: Date, utcOffsetMinutes: Int) -> String {
        let t = date.timeIntervalSinceReferenceDate + Double(utcOffsetMinutes * 60)
        guard t.isFinite, abs(t) < 1e13 else { return "1970-01-01T00:00:00Z" }
        var whole = t.rounded(.down)
        var micros = Int(((t - whole) * 1_000_000).rounded())
        if micros >= 1_000_000 {
            whole += 1
            micros -= 1_000_000
        }
        let unix = Int64(whole) + referenceOffset
        let days = unix >= 0 ? unix / 86_400 : (unix - 86_399) / 86_400
        let secondOfDay = Int(unix - days * 86_400)
        let (y, m, d) = civilFromDays(Int(days))
        var text =
            pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2) + "T" + pad(secondOfDay / 3600, 2) + ":"
            + pad(secondOfDay / 60 % 60, 2) + ":" + pad(secondOfDay % 60, 2)
        if micros > 0 {
            var fraction = pad(micros, 6)
            while fraction.hasSuffix("0") { fraction.removeLast() }
            text += "." + fraction
        }
        guard utcOffsetMinutes != 0 else { return text + "Z" }
        let sign = utcOffsetMinutes < 0 ? "-" : "+"
        let offset = abs(utcOffsetMinutes)
        return text + sign + pad(offset / 60, 2) + ":" + pad(offset % 60, 2)
    }

    private static func date(referenceSeconds: Int64, micros: Int) -> Date {
        Date(
            timeIntervalSinceReferenceDate: Double(referenceSeconds + Int64(micros / 1_000_000)) + Double(
                micros % 1_000_000
            ) / 1_000_000
        )
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    private static func daysInMonth(_ year: Int, _ month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    private static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    private static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}

/// Why a timestamp is not an acceptable RFC 3339 time.
public struct RFC3339Error: Error, Sendable, Hashable {
    /// A plain-English reason, phrased to follow the field name ("has no offset; ...").
    public var reason: String
}
