import Foundation

/// Parses and prints the short durations used in `routing.yaml`: `30m`, `2h`, `1d`, `1h30m`.
public enum DeadlineDuration {
    /// Parses a duration such as `24h`, `30m`, `1h30m` or `2d`; `nil` if the text is not one.
    ///
    /// Units: `d` (days), `h` (hours), `m` (minutes), `s` (seconds). Each unit at most once,
    /// largest first. Zero is returned as zero; callers decide whether zero is allowed.
    public static func parse(_ text: String) -> Duration? {
        let units: [(Character, Int64)] = [("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)]
        var seconds: Int64 = 0
        var digits = ""
        var nextUnit = 0
        var sawUnit = false
        for character in text.trimmingCharacters(in: .whitespaces) {
            if character.isASCII, character.isNumber {
                digits.append(character)
                continue
            }
            guard let index = units[nextUnit...].firstIndex(where: { $0.0 == character }),
                let value = Int64(digits), digits.count <= 6
            else { return nil }
            seconds += value * units[index].1
            digits = ""
            nextUnit = index + 1
            sawUnit = true
        }
        guard digits.isEmpty, sawUnit else { return nil }
        return .seconds(seconds)
    }

    /// Prints a whole number of seconds in the same short form, e.g. `1h30m`.
    public static func format(_ duration: Duration) -> String {
        var rest = duration.components.seconds
        if rest == 0 { return "0m" }
        var text = rest < 0 ? "-" : ""
        rest = abs(rest)
        for (unit, size) in [("d", Int64(86_400)), ("h", 3_600), ("m", 60), ("s", 1)] where rest >= size {
            text += "\(rest / size)\(unit)"
            rest %= size
        }
        return text
    }

    /// The duration as a `TimeInterval`, for date arithmetic.
    public static func seconds(_ duration: Duration) -> TimeInterval {
        let parts = duration.components
        return TimeInterval(parts.seconds) + TimeInterval(parts.attoseconds) / 1e18
    }
}
