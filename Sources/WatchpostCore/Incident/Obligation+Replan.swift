import Foundation

extension Obligation {
    /// This obligation with its working-time deadline and reminders moved from the calendar it
    /// was planned on (`old`) to `new`, as a closure declared or withdrawn after it opened
    /// requires (issue 29); nil when nothing moves.
    ///
    /// The working time still left at `now` (or at the end of a pause) is kept: counted on `old`,
    /// then laid out again on `new` from the same instant, so a storm closure declared on Monday
    /// pushes a Monday deadline past the closure by exactly the working time it takes away.
    /// Each reminder keeps its working-time distance before the deadline. Only open obligations
    /// on the working clock whose deadline is still ahead move: the law's calendar hours never do,
    /// and a deadline already passed has been escalated on the calendar of its day.
    public func replanned(from old: WorkingCalendar, to new: WorkingCalendar, now: Date) -> Obligation? {
        guard old != new, status == .open, clock == .working, let dueAt, dueAt > now else { return nil }
        let anchor = max(now, pausedUntil ?? now)
        guard dueAt > anchor, let movedDue = new.adding(old.workingTime(from: anchor, to: dueAt), to: anchor) else {
            return nil
        }
        let movedReminders = remindersAt.map { reminder -> Date in
            guard reminder > anchor else { return reminder }
            let before = old.workingTime(from: reminder, to: dueAt)
            return max(anchor, new.subtracting(before, from: movedDue) ?? reminder)
        }
        guard movedDue != dueAt || movedReminders != remindersAt else { return nil }
        var moved = self
        moved.dueAt = movedDue
        moved.remindersAt = movedReminders.sorted()
        return moved
    }
}
