import Foundation
import WatchpostCore
import WatchpostPresentation

/// How the pages write instants and the time left until a deadline, always in
/// Asia/Ho_Chi_Minh time (`LocalTime`).
public enum PageTime {
    /// How close a deadline is, for its colour and its words.
    public enum Urgency: String, Sendable {
        /// The deadline has passed.
        case overdue
        /// Less than two hours left.
        case soon
        /// Two hours or more left, or no deadline.
        case later
    }

    /// The urgency of a deadline at `dueAt`, seen at `now`.
    public static func urgency(dueAt: Date?, now: Date) -> Urgency {
        guard let dueAt else { return .later }
        let left = dueAt.timeIntervalSince(now)
        if left <= 0 { return .overdue }
        return left < 2 * 3600 ? .soon : .later
    }

    /// "Còn 1 giờ 25 phút" or "Quá hạn 35 phút" (en: "1 h 25 min left", "35 min overdue").
    public static func timeLeft(dueAt: Date, now: Date, locale: DisplayLocale) -> String {
        let seconds = dueAt.timeIntervalSince(now)
        let span = span(abs(seconds), locale: locale)
        if seconds <= 0 {
            return locale.text("Quá hạn \(span)", "\(span) overdue")
        }
        return locale.text("Còn \(span)", "\(span) left")
    }

    /// A length of time in days, hours and minutes, largest two parts, at least one minute.
    public static func span(_ seconds: TimeInterval, locale: DisplayLocale) -> String {
        let minutes = max(1, Int((seconds / 60).rounded(.up)))
        let days = minutes / 1440
        let hours = (minutes % 1440) / 60
        let rest = minutes % 60
        var parts: [String] = []
        if days > 0 { parts.append(locale.text("\(days) ngày", "\(days) d")) }
        if hours > 0 { parts.append(locale.text("\(hours) giờ", "\(hours) h")) }
        if rest > 0 && days == 0 { parts.append(locale.text("\(rest) phút", "\(rest) min")) }
        return parts.prefix(2).joined(separator: " ")
    }
}
