import Foundation
import WatchpostCore

/// What a period report covers: the period [`from`, `to`) and, optionally, one school or the
/// schools of one authority (as recorded on each incident when it opened, so a later re-mapping
/// of the tree does not move past incidents). The trend compares with the period of equal length
/// just before.
public struct ReportScope: Sendable, Hashable, Codable {
    /// The first instant of the period.
    public var from: Date
    /// The first instant after the period.
    public var to: Date
    /// Only this school's incidents.
    public var unitID: UnitID?
    /// Only the incidents of schools this authority supervised when each incident opened.
    public var authorityID: UnitID?

    /// Creates a scope; `from` must be before `to`.
    public init(from: Date, to: Date, unitID: UnitID? = nil, authorityID: UnitID? = nil) {
        self.from = from
        self.to = to
        self.unitID = unitID
        self.authorityID = authorityID
    }

    /// The start of the previous period of equal length, which ends at `from`.
    public var previousFrom: Date { from.addingTimeInterval(-to.timeIntervalSince(from)) }

    /// Midnight in Asia/Ho_Chi_Minh at the start of `text` (`YYYY-MM-DD`), or nil if it is not a
    /// calendar date.
    public static func localDay(_ text: String) -> Date? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        let calendar = LocalTime.calendar
        let components = DateComponents(year: year, month: month, day: day)
        guard components.isValidDate(in: calendar) else { return nil }
        return calendar.date(from: components)
    }

    /// The calendar date of `date` in Asia/Ho_Chi_Minh as `YYYY-MM-DD`: `localDay`'s inverse.
    public static func localDayText(_ date: Date) -> String {
        let parts = LocalTime.calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }
}
