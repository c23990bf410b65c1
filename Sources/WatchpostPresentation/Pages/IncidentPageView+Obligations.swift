import Foundation
import WatchpostCore

extension IncidentPageView {
    /// The incident's obligations, open ones first by deadline, each with its reason and legal
    /// basis folded in `<details>` (`incident-obligation.mustache`).
    struct Obligations: Sendable {
        let cards: [Card]

        /// The obligations of `source`'s incident, or `nil` when it has none.
        init?(_ source: IncidentPageSource) {
            let obligations = source.state.obligations
            guard !obligations.isEmpty else { return nil }
            let ordered = obligations.sorted {
                ($0.status != .open ? 1 : 0, $0.dueAt ?? .distantFuture) < (
                    $1.status != .open ? 1 : 0, $1.dueAt ?? .distantFuture
                )
            }
            cards = ordered.map { Card($0, source) }
        }
    }

    /// One obligation.
    struct Card: Sendable {
        /// The deadline of an open obligation.
        struct Due: Sendable {
            let urgency: String
            let left: String
            let overdue: Bool
            let at: TimeView
        }

        /// An open obligation waiting for someone else, until when and why.
        struct Paused: Sendable {
            let until: TimeView
            let reason: String
        }

        /// How a met or cancelled obligation ended.
        struct Closed: Sendable {
            let badge: BadgeView
            let closedAt: TimeView?
            let metBy: String?
        }

        let urgency: String
        let kind: String
        let relation: String
        let owner: String
        let due: Due?
        let closed: Closed?
        let escalated: String?
        let paused: Paused?
        let reason: String
        let basis: String

        /// The card of `obligation`.
        init(_ obligation: Obligation, _ source: IncidentPageSource) {
            let locale = source.locale
            let urgency = PageTime.urgency(dueAt: obligation.dueAt, now: source.now)
            self.urgency = obligation.status == .open ? urgency.rawValue : "done"
            kind = obligation.kind.label(locale)
            relation = obligation.ownerRelation.label(locale)
            owner = obligation.ownerOfficerID.map(source.name(of:)) ?? source.word("nobodyHolds")
            switch obligation.status {
            case .open:
                due = obligation.dueAt.map {
                    Due(
                        urgency: urgency.rawValue,
                        left: PageTime.timeLeft(dueAt: $0, now: source.now, locale: locale),
                        overdue: urgency == .overdue,
                        at: TimeView(due: $0, clock: obligation.clock, locale)
                    )
                }
                closed = nil
            case .met, .cancelled:
                due = nil
                closed = Closed(
                    badge: BadgeView(
                        tone: obligation.status == .met ? "ok" : "plain",
                        text: Self.endedByMerge(obligation, source)
                            ? source.word("closedByMerge") : obligation.status.label(locale)
                    ),
                    closedAt: obligation.closedAt.map { TimeView($0, locale) },
                    metBy: obligation.metBy.map { by in
                        // Acknowledged by the duty officer for the owner: recorded and shown as such.
                        obligation.metOnBehalfOf.map {
                            locale.text(
                                "\(source.name(of: by)), xác nhận thay đồng chí \(source.name(of: $0))",
                                "\(source.name(of: by)), on behalf of \(source.name(of: $0))"
                            )
                        } ?? source.name(of: by)
                    }
                )
            }
            escalated = obligation.level > 0 ? PageSentences.escalated(obligation.level, locale) : nil
            if obligation.status == .open, let until = obligation.pausedUntil, until > source.now {
                paused = Paused(until: TimeView(until, locale), reason: obligation.pauseReason?.text(locale) ?? "")
            } else {
                paused = nil
            }
            reason = obligation.reason.text(locale)
            basis = obligation.reason.legalBasis
        }

        /// Whether a merge of the incident into another cancelled `obligation` (D60).
        private static func endedByMerge(_ obligation: Obligation, _ source: IncidentPageSource) -> Bool {
            guard obligation.status == .cancelled, let closer = obligation.closedByEventID else { return false }
            return source.timeline.events.contains { $0.eventID == closer && $0.type == .incidentMerged }
        }
    }
}
