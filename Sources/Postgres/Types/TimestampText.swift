/// Converts between microseconds since 1970-01-01 UTC and PostgreSQL's ISO timestamp text,
/// without Foundation formatters (which are slow and locale-sensitive).
enum TimestampText {
    /// `2026-11-29T04:07:53.123456Z`; years before 1 CE use PostgreSQL's ` BC` suffix.
    static func format(microseconds: Int64) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(30)
        append(microseconds: microseconds, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the bytes of `format(microseconds:)` to `buffer`.
    static func append(microseconds: Int64, to buffer: inout [UInt8]) {
        let (seconds, micros) = floorDivide(microseconds, 1_000_000)
        let (days, secondOfDay) = floorDivide(seconds, 86_400)
        let (year, month, day) = civil(fromDays: days)
        let displayYear = year > 0 ? year : 1 - year
        TextBytes.appendDigits(UInt64(displayYear), minimumWidth: 4, to: &buffer)
        buffer.append(UInt8(ascii: "-"))
        appendTwoDigits(month, to: &buffer)
        buffer.append(UInt8(ascii: "-"))
        appendTwoDigits(day, to: &buffer)
        buffer.append(UInt8(ascii: "T"))
        appendTwoDigits(secondOfDay / 3600, to: &buffer)
        buffer.append(UInt8(ascii: ":"))
        appendTwoDigits(secondOfDay % 3600 / 60, to: &buffer)
        buffer.append(UInt8(ascii: ":"))
        appendTwoDigits(secondOfDay % 60, to: &buffer)
        buffer.append(UInt8(ascii: "."))
        TextBytes.appendDigits(UInt64(micros), minimumWidth: 6, to: &buffer)
        buffer.append(UInt8(ascii: "Z"))
        if year <= 0 { buffer.append(contentsOf: " BC".utf8) }
    }

    /// Appends `value`, which is in 0...99, as two digits.
    private static func appendTwoDigits(_ value: Int64, to buffer: inout [UInt8]) {
        buffer.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: value / 10))
        buffer.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: value % 10))
    }

    /// Parses `YYYY-MM-DD[( |T)HH:MM:SS[.ffffff]][Z|±HH[:MM[:SS]]][ BC]`, as printed by the server
    /// for `timestamptz` (any session time zone), `timestamp` and `date`; no offset means UTC.
    static func parse(_ text: String) -> Int64? {
        var text = text
        return text.withUTF8 { parse(bytes: $0) }
    }

    private static func parse(bytes all: UnsafeBufferPointer<UInt8>) -> Int64? {
        var bytes = all
        var isBC = false
        if bytes.count > 3, bytes.suffix(3).elementsEqual(" BC".utf8) {
            isBC = true
            bytes = UnsafeBufferPointer(rebasing: all.dropLast(3))
        }
        var reader = Reader(bytes: bytes)
        guard var year = reader.number(minDigits: 1, maxDigits: 9), reader.skip("-"),
            let month = reader.number(minDigits: 2, maxDigits: 2), reader.skip("-"),
            let day = reader.number(minDigits: 2, maxDigits: 2),
            (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        if isBC { year = 1 - year }
        var secondOfDay: Int64 = 0
        var micros: Int64 = 0
        var offset: Int64 = 0
        if reader.skip(" ") || reader.skip("T") {
            guard let hour = reader.number(minDigits: 2, maxDigits: 2), reader.skip(":"),
                let minute = reader.number(minDigits: 2, maxDigits: 2), reader.skip(":"),
                let second = reader.number(minDigits: 2, maxDigits: 2),
                hour <= 24, minute <= 59, second <= 60
            else { return nil }
            secondOfDay = hour * 3600 + minute * 60 + second
            if reader.skip(".") {
                guard let fraction = reader.fraction() else { return nil }
                micros = fraction
            }
            if reader.skip("Z") {
                offset = 0
            } else if let sign = reader.sign() {
                guard let hours = reader.number(minDigits: 2, maxDigits: 2) else { return nil }
                var seconds = hours * 3600
                if reader.skip(":") || reader.peekDigit {
                    guard let minutes = reader.number(minDigits: 2, maxDigits: 2) else { return nil }
                    seconds += minutes * 60
                    if reader.skip(":") || reader.peekDigit {
                        guard let extra = reader.number(minDigits: 2, maxDigits: 2) else { return nil }
                        seconds += extra
                    }
                }
                offset = sign * seconds
            }
        }
        guard reader.atEnd else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let (total, overflow) = (days * 86_400 + secondOfDay - offset).multipliedReportingOverflow(by: 1_000_000)
        return overflow ? nil : total + micros
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The proleptic Gregorian date of a day count since 1970-01-01.
    static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
        let remainder = value % divisor
        return remainder < 0 ? (value / divisor - 1, remainder + divisor) : (value / divisor, remainder)
    }

    /// A cursor over ASCII bytes.
    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        var atEnd: Bool { index == bytes.count }
        var peekDigit: Bool { index < bytes.count && (48...57).contains(bytes[index]) }

        mutating func skip(_ character: Unicode.Scalar) -> Bool {
            guard index < bytes.count, bytes[index] == UInt8(character.value) else { return false }
            index += 1
            return true
        }

        mutating func sign() -> Int64? {
            if skip("+") { return 1 }
            if skip("-") { return -1 }
            return nil
        }

        mutating func number(minDigits: Int, maxDigits: Int) -> Int64? {
            var value: Int64 = 0
            var count = 0
            while count < maxDigits, peekDigit {
                value = value * 10 + Int64(bytes[index] - 48)
                index += 1
                count += 1
            }
            return count >= minDigits ? value : nil
        }

        /// Fractional seconds as microseconds; digits beyond the sixth are truncated.
        mutating func fraction() -> Int64? {
            var micros: Int64 = 0
            var count = 0
            while peekDigit {
                if count < 6 { micros = micros * 10 + Int64(bytes[index] - 48) }
                index += 1
                count += 1
            }
            guard count > 0 else { return nil }
            for _ in count..<max(count, 6) { micros *= 10 }
            return micros
        }
    }
}
