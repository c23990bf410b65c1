import Foundation
import WatchpostCore
import WatchpostStore

/// An instant as `time.mustache` writes it: the local time as text, the instant in `datetime`.
public struct TimeView: Sendable {
    let iso: String
    let text: String

    /// `date` in `locale`, in Asia/Ho_Chi_Minh time.
    public init(_ date: Date, _ locale: DisplayLocale) {
        iso = RFC3339.format(date)
        text = LocalTime.format(date, locale: locale)
    }

    /// The deadline `dueAt` on `clock` (`DeadlineText`).
    public init(due dueAt: Date, clock: DeadlineClock, _ locale: DisplayLocale) {
        iso = RFC3339.format(dueAt)
        text = DeadlineText.format(dueAt, clock: clock, locale: locale)
    }
}

/// A severity as a coloured badge (`badge.mustache`).
public struct BadgeView: Sendable {
    let tone: String
    let text: String

    /// A badge of `tone` (a class of watchpost.css: danger, warn, ok, plain).
    public init(tone: String, text: String) {
        self.tone = tone
        self.text = text
    }

    /// The badge of `severity`.
    public init(_ severity: Severity, _ locale: DisplayLocale) {
        let tone =
            switch severity {
            case .critical, .high: "danger"
            case .medium: "warn"
            case .low: "plain"
            }
        self.init(tone: tone, text: severity.label(locale))
    }
}

/// One incident of a list, as a card linking to its page (`incident-card.mustache`).
public struct IncidentCardView: Sendable {
    struct Due: Sendable {
        let text: String
    }

    let urgency: String
    let link: String
    let category: String
    let school: String
    let status: String
    let severity: BadgeView
    let due: Due?
    let reported: TimeView

    /// The card of `incident`, seen at `now`.
    public init(_ incident: IncidentListItem, now: Date, locale: DisplayLocale) {
        urgency = PageTime.urgency(dueAt: incident.nextDueAt, now: now).rawValue
        link = "/incidents/\(incident.id.canonicalString)"
        category = incident.category.label(locale)
        school = incident.unitName ?? incident.unitID
        status = incident.status.label(locale)
        severity = BadgeView(incident.severity, locale)
        due = incident.nextDueAt.map { Due(text: PageTime.timeLeft(dueAt: $0, now: now, locale: locale)) }
        reported = TimeView(incident.reportedAt, locale)
    }
}
