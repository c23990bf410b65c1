import Foundation
import WatchpostCore

/// How a deadline reads, in alerts, pages and reports alike (issue 29).
public enum DeadlineText {
    /// `dueAt` on `clock` for a reader of `locale`. A calendar deadline reads as any time does;
    /// one counted in working time also names its weekday and says so: "09 giờ 30 thứ Hai
    /// 08/12/2026 (tính theo giờ làm việc)".
    public static func format(_ dueAt: Date, clock: DeadlineClock, locale: DisplayLocale) -> String {
        switch clock {
        case .calendar:
            return LocalTime.format(dueAt, locale: locale)
        case .working:
            let note = Labels.label("common", "workingClock")(locale)
            return "\(LocalTime.formatWithWeekday(dueAt, locale: locale)) (\(note))"
        }
    }
}
