import Foundation

extension Date: PostgresArrayElement, PostgresDecodable {
    /// `timestamptz`.
    public static var postgresDataType: PostgresDataType { .timestamptz }
    /// `timestamptz[]`.
    public static var postgresArrayDataType: PostgresDataType { .timestamptzArray }

    /// ISO 8601 in UTC with microseconds (PostgreSQL's precision), e.g. `2026-11-29T04:07:53.123456Z`.
    public func postgresText() throws -> String? {
        TimestampText.format(microseconds: try postgresMicroseconds())
    }

    /// The bytes of `postgresText()`, written directly.
    public func appendPostgresText(to buffer: inout [UInt8]) throws -> Bool {
        TimestampText.append(microseconds: try postgresMicroseconds(), to: &buffer)
        return true
    }

    /// Whole microseconds since 1970 (rounded), or an `encoding` error outside `Int64`'s range.
    private func postgresMicroseconds() throws -> Int64 {
        let micros = (timeIntervalSince1970 * 1_000_000).rounded()
        guard micros.isFinite, abs(micros) < 9.2e18 else {
            // Foundation cannot print a date that is not finite, so name its interval instead.
            let date = timeIntervalSince1970.isFinite ? "\(self)" : "\(timeIntervalSince1970) s after 1970"
            throw PostgresError(code: .encoding, message: "The date \(date) is outside the range of timestamptz.")
        }
        return Int64(micros)
    }

    /// Decodes `timestamptz` in any session time zone, `timestamp` and `date` (both read as UTC),
    /// and `infinity`/`-infinity` as `distantFuture`/`distantPast`.
    public static func decode(postgresText text: String, type: PostgresDataType) -> Date? {
        switch text {
        case "infinity": return .distantFuture
        case "-infinity": return .distantPast
        default:
            return TimestampText.parse(text).map { Date(timeIntervalSince1970: Double($0) / 1_000_000) }
        }
    }
}
