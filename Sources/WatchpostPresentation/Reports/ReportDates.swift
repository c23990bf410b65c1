import Foundation
import WatchpostCore
import WatchpostNotify
import WatchpostStore

/// Dates as an administrative document writes them, in Asia/Ho_Chi_Minh.
enum ReportDates {
    private static var calendar: Calendar { LocalTime.calendar }

    /// "ngày 01 tháng 12 năm 2026": a day below 10 and the months 1 and 2 take a leading zero
    /// (Decree 30/2020/NĐ-CP, Phụ lục I). In English: "1 December 2026".
    static func issueDate(_ date: Date, locale: DisplayLocale = .vi) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        let (day, month) = (parts.day ?? 1, parts.month ?? 1)
        if locale == .en {
            return "\(day) \(LocalTime.englishMonthNames[max(0, min(11, month - 1))]) \(parts.year ?? 0)"
        }
        return "ngày \(day < 10 ? "0" : "")\(day) tháng \(month < 3 ? "0" : "")\(month) năm \(parts.year ?? 0)"
    }

    /// The period as the title names it: "tháng 11 năm 2026", "tuần từ ngày 23/11/2026 đến hết
    /// ngày 29/11/2026", or "từ ngày 03/11/2026 đến hết ngày 17/11/2026". Without a `cadence`, a whole
    /// calendar month is monthly and seven whole days weekly.
    static func periodName(_ scope: ReportScope, _ cadence: ReportCadence?, locale: DisplayLocale = .vi) -> String {
        let calendar = calendar
        let wholeDays = isWholeDays(scope)
        let calendarMonth =
            wholeDays && calendar.component(.day, from: scope.from) == 1
            && scope.to == calendar.date(byAdding: .month, value: 1, to: scope.from)
        let sevenDays = wholeDays && scope.to == calendar.date(byAdding: .day, value: 7, to: scope.from)
        guard let cadence = cadence ?? (calendarMonth ? .monthly : sevenDays ? .weekly : nil) else {
            return wholeDaysRange(scope, locale: locale)
        }
        return locale == .en
            ? cadence.periodNameEnglish(from: scope.from, to: scope.to)
            : cadence.periodName(from: scope.from, to: scope.to)
    }

    /// "từ ngày 03/11/2026 đến hết ngày 17/11/2026": the days the period covers, its last day
    /// whole.
    static func wholeDaysRange(_ scope: ReportScope, locale: DisplayLocale) -> String {
        let (first, last) = (
            LocalTime.formatDay(scope.from, locale: locale),
            LocalTime.formatDay(scope.to.addingTimeInterval(-1), locale: locale)
        )
        return locale == .en ? "from \(first) to \(last) inclusive" : "từ ngày \(first) đến hết ngày \(last)"
    }

    /// Whether the period starts and ends at midnight in Vietnam.
    static func isWholeDays(_ scope: ReportScope) -> Bool {
        [scope.from, scope.to].allSatisfy { calendar.startOfDay(for: $0) == $0 }
    }
}
