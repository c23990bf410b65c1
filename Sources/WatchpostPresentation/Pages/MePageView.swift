import Foundation
import WatchpostCore
import WatchpostStore

/// "Việc của tôi" (`me.mustache`): the officer's open obligations, most urgent first, each with
/// the time left and a link to its incident; below them, the open incidents the officer may see.
public struct MePageView: Sendable {
    /// The obligations waiting, when there are any.
    struct Owed: Sendable {
        let count: String
        let late: String?
        let cards: [Card]
    }

    /// One obligation.
    struct Card: Sendable {
        struct Due: Sendable {
            let left: String
            let overdue: Bool
            let at: TimeView
        }

        let urgency: String
        let link: String
        let kind: String
        let due: Due?
        let school: String
        let category: String
        let severity: BadgeView
        let escalated: String?
    }

    /// The other open incidents, when there are any.
    struct Others: Sendable {
        let cards: [IncidentCardView]
    }

    let owed: Owed?
    let others: Others?

    /// The page for an officer who owes `owed` and may see `incidents`, at `now`.
    public init(owed: [OwedObligation], incidents: [IncidentListItem], now: Date, locale: DisplayLocale) {
        let overdue = owed.filter { PageTime.urgency(dueAt: $0.obligation.dueAt, now: now) == .overdue }.count
        self.owed =
            owed.isEmpty
            ? nil
            : Owed(
                count: locale.text(
                    "\(owed.count) việc đang chờ, việc gấp nhất ở trên cùng.",
                    "\(owed.count) open task(s), the most urgent first."
                ),
                late: overdue == 0 ? nil : locale.text("\(overdue) việc đã quá hạn.", "\(overdue) overdue."),
                cards: owed.map { Self.card($0, now: now, locale: locale) }
            )
        let others = incidents.filter { incident in !owed.contains { $0.obligation.incidentID == incident.id } }
        self.others =
            others.isEmpty
            ? nil : Others(cards: others.prefix(20).map { IncidentCardView($0, now: now, locale: locale) })
    }

    private static func card(_ item: OwedObligation, now: Date, locale: DisplayLocale) -> Card {
        let obligation = item.obligation
        let urgency = PageTime.urgency(dueAt: obligation.dueAt, now: now)
        return Card(
            urgency: urgency.rawValue,
            link: "/incidents/\(obligation.incidentID.canonicalString)",
            kind: obligation.kind.label(locale),
            due: obligation.dueAt.map {
                Card.Due(
                    left: PageTime.timeLeft(dueAt: $0, now: now, locale: locale),
                    overdue: urgency == .overdue,
                    at: TimeView(due: $0, clock: obligation.clock, locale)
                )
            },
            school: item.unitName ?? item.unitID,
            category: item.category.label(locale),
            severity: BadgeView(item.severity, locale),
            escalated: obligation.level > 0 ? PageSentences.escalated(obligation.level, locale) : nil
        )
    }
}
