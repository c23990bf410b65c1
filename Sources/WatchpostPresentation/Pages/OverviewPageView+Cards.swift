import Foundation
import WatchpostCore
import WatchpostStore

extension OverviewPageView {
    /// The overdue obligations of the overview, as cards linking to their incidents.
    struct OverdueCards: Sendable {
        /// One obligation past its deadline.
        struct Card: Sendable {
            let link: String
            let kind: String
            let left: String
            let school: String
            let relation: String
            let owner: String
            let escalated: String?
        }

        let cards: [Card]

        /// The cards of `obligations`, seen at `now`.
        init(
            _ obligations: ArraySlice<OperatorOverview.OverdueObligation>,
            names: UnitNames,
            now: Date,
            locale: DisplayLocale
        ) {
            let directory = names.directory
            cards = obligations.map { obligation in
                Card(
                    link: "/incidents/\(obligation.incidentID.canonicalString)",
                    kind: obligation.kind.label(locale),
                    left: PageTime.timeLeft(dueAt: obligation.dueAt, now: now, locale: locale),
                    school: obligation.schoolName ?? obligation.schoolID,
                    relation: obligation.ownerRelation.label(locale),
                    owner: obligation.ownerOfficerID.map { directory.officer($0)?.name ?? $0 }
                        ?? Labels.label("overview", "nobodyOwns")(locale),
                    escalated: obligation.level > 0 ? PageSentences.escalated(obligation.level, locale) : nil
                )
            }
        }
    }

    /// The deliveries of the overview that gave up, as cards.
    struct UndeliveredCards: Sendable {
        /// One delivery that died.
        struct Card: Sendable {
            let recipient: String
            let attempts: String
            let lastAttempt: TimeView?
            let lastError: String?
            let incidentLink: String?
        }

        let cards: [Card]

        /// The cards of `deliveries`.
        init(_ deliveries: ArraySlice<OperatorOverview.DeadDelivery>, names: UnitNames, locale: DisplayLocale) {
            cards = deliveries.map { delivery in
                Card(
                    recipient: names.directory.officer(delivery.recipient)?.name ?? delivery.recipient,
                    attempts: locale.text("Đã thử \(delivery.attempts) lần", "\(delivery.attempts) attempt(s)"),
                    lastAttempt: delivery.lastAttemptAt.map { TimeView($0, locale) },
                    lastError: delivery.lastError.map { String($0.prefix(200)) },
                    incidentLink: delivery.incidentID.map { "/incidents/\($0.canonicalString)" }
                )
            }
        }
    }

    /// The officers and schools of the overview that no alert can reach, as cards.
    struct UnreachableCards: Sendable {
        /// One finding: an officer (with their unit and the problem) or a school nobody can alert.
        struct Card: Sendable {
            let tone: String
            let who: String
            let officerUnit: String?
            let problem: String
            let roles: String
        }

        let cards: [Card]

        /// The cards of `findings`.
        init(_ findings: [ReachabilityFinding], names: UnitNames, locale: DisplayLocale) {
            let label = { (key: String) in Labels.label("overview", key)(locale) }
            cards = findings.map { finding in
                let roles = finding.relations.map { $0.label(locale) }.joined(separator: ", ")
                switch finding.subject {
                case .officer(let id):
                    let officer = names.directory.officer(id)
                    return Card(
                        tone: "soon",
                        who: officer?.name ?? id,
                        officerUnit: officer.flatMap { names.name($0.unit) } ?? "",
                        problem: label(Self.problemKey(finding.problem)),
                        roles: roles
                    )
                case .school(let id):
                    return Card(
                        tone: "overdue",
                        who: names.name(id) ?? id,
                        officerUnit: nil,
                        problem: label("schoolUnreachable"),
                        roles: roles
                    )
                }
            }
        }

        /// The key of `problem`'s sentence in `overview`.
        private static func problemKey(_ problem: ReachabilityFinding.Problem) -> String {
            switch problem {
            case .noChannel: "noChannel"
            case .onlyInvalidAddresses: "onlyInvalidAddresses"
            case .noConfiguredChannel: "noConfiguredChannel"
            case .nobodyReachable: "nobodyReachable"
            }
        }
    }
}
