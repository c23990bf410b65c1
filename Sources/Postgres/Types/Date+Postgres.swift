import Foundation

extension Date: PostgresArrayElement, PostgresDecodable {
    /// `timestamptz`.
    public static var postgresDataType: PostgresDataType { .timestamptz }
    /// `timestamptz[]`.
    public static var postgresArrayDataType: PostgresDataType { .timestamptzArray }

    /// ISO 8601 in UTC with microseconds (PostgreSQL's precision), e.g. `2026-11-29T04:07:53.123456Z`.
    public func postgresText() throws -> String? {
        let micros = (timeIntervalSince1970 * 1_000_000).rounded()
        guard micros.isFinite, abs(micros) < 9.2e18 else {
            throw PostgresError(code: .encoding, message: "The date \(self) is outside the range of timestamptz.")
        }
        return TimestampText.format(microseconds: Int64(micros))
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
