import Foundation

/// How often a periodic report is produced. Periods are calendar weeks (Monday to Monday) and
/// calendar months, in Vietnam time (`LocalTime.timeZone`).
public enum ReportCadence: String, Sendable, Hashable, Codable, CaseIterable {
    case weekly, monthly

    /// The last period of this cadence that ended at or before `now`: `[from, to)`.
    public func lastCompletedPeriod(at now: Date) -> (from: Date, to: Date) {
        let calendar = LocalTime.calendar
        let to: Date
        switch self {
        case .weekly:
            // The Monday 00:00 that starts the current week.
            let day = calendar.startOfDay(for: now)
            let weekday = calendar.component(.weekday, from: day)  // 1 = Sunday, 2 = Monday
            to = calendar.date(byAdding: .day, value: -((weekday + 5) % 7), to: day) ?? day
        case .monthly:
            let parts = calendar.dateComponents([.year, .month], from: now)
            to = calendar.date(from: parts) ?? now
        }
        let back = self == .weekly ? DateComponents(day: -7) : DateComponents(month: -1)
        return (calendar.date(byAdding: back, to: to) ?? to, to)
    }

    /// The period's name in a title, Vietnamese: "tuần từ ngày 23/11/2026 đến hết ngày 29/11/2026",
    /// "tháng 11 năm 2026".
    public func periodName(from: Date, to: Date) -> String {
        let calendar = LocalTime.calendar
        switch self {
        case .weekly:
            let last = calendar.date(byAdding: .day, value: -1, to: to) ?? to
            let (first, final) = (LocalTime.formatDay(from, locale: .vi), LocalTime.formatDay(last, locale: .vi))
            return "tuần từ ngày \(first) đến hết ngày \(final)"
        case .monthly:
            let parts = calendar.dateComponents([.year, .month], from: from)
            return "tháng \(parts.month ?? 0) năm \(parts.year ?? 0)"
        }
    }

    /// The period's name in English: "the week of 23 Nov 2026", "November 2026".
    public func periodNameEnglish(from: Date, to: Date) -> String {
        switch self {
        case .weekly: return "the week of \(LocalTime.formatDay(from, locale: .en))"
        case .monthly:
            let parts = LocalTime.calendar.dateComponents([.year, .month], from: from)
            let month = LocalTime.englishMonthNames[max(0, min(11, (parts.month ?? 1) - 1))]
            return "\(month) \(parts.year ?? 0)"
        }
    }
}
