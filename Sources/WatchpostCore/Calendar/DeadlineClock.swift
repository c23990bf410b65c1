import Foundation

/// Which clock a deadline runs on (issue 29).
///
/// The law sets some hours on the calendar, whatever the day: Decree 56/2017's 12 hours for a
/// child at risk. Others are the authority's own choice ("kịp thời", promptly), and the policy may
/// count those in working time, so that a head is not escalated for a Saturday night or Tết.
public enum DeadlineClock: String, Sendable, Hashable, CaseIterable, Codable {
    /// Every hour counts, nights, weekends and holidays included.
    case calendar
    /// Only the hours inside the unit's working hours count (`WorkingCalendar`).
    case working

    /// The deadline `duration` after `start` on this clock, on `calendar`.
    ///
    /// A calendar that has no working hours at all (a misconfiguration the loader also reports)
    /// falls back to calendar time: a deadline is never lost.
    public func due(after duration: Duration, from start: Date, on calendar: WorkingCalendar) -> Date {
        let seconds = DeadlineDuration.seconds(duration)
        switch self {
        case .calendar: return start.addingTimeInterval(seconds)
        case .working: return calendar.adding(seconds, to: start) ?? start.addingTimeInterval(seconds)
        }
    }

    /// The reminder instants `offsets` before `dueAt` on this clock, earliest first: in working
    /// time, a reminder "1 hour before" a Monday 07:30 deadline is the Friday afternoon before.
    public func reminders(_ offsets: [Duration], before dueAt: Date, on calendar: WorkingCalendar) -> [Date] {
        offsets.map { offset in
            let seconds = DeadlineDuration.seconds(offset)
            switch self {
            case .calendar: return dueAt.addingTimeInterval(-seconds)
            case .working: return calendar.subtracting(seconds, from: dueAt) ?? dueAt.addingTimeInterval(-seconds)
            }
        }.sorted()
    }
}
