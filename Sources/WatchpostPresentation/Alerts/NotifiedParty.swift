import WatchpostCore
import WatchpostNotify

/// Someone, by relation to the school, who has been told about an incident; shown to the
/// recipient of a reminder or an escalation so they know who else is already involved.
public struct NotifiedParty: Sendable, Hashable {
    /// How they stand to the school.
    public var relation: Relation
    /// The officers in that relation who were told, as named in the directory (officers only:
    /// students are never named anywhere), with their posts.
    public var officers: [Person]

    /// An officer told: their name and their post in each locale.
    public struct Person: Sendable, Hashable {
        /// The name in the directory.
        public var name: String
        /// The post (chức vụ), e.g. "cán bộ Công an xã Bình Sơn".
        public var title: String
        /// The post in English.
        public var titleEN: String

        /// Creates a person; `titleEN` defaults to `title`.
        public init(name: String, title: String, titleEN: String? = nil) {
            self.name = name
            self.title = title
            self.titleEN = titleEN ?? title
        }

        /// `officer` as `directory` names their post.
        init(_ officer: Officer, in directory: Directory) {
            self.init(
                name: officer.name,
                title: directory.title(of: officer, locale: .vi),
                titleEN: directory.title(of: officer, locale: .en)
            )
        }

        /// The post in `locale`.
        public func title(_ locale: DisplayLocale) -> String { locale == .en ? titleEN : title }
    }

    /// The officers' names.
    public var officerNames: [String] { officers.map(\.name) }

    /// Creates a party.
    public init(relation: Relation, officers: [Person]) {
        self.relation = relation
        self.officers = officers
    }

    /// The parties told by `alerts` (for instance every stored alert of the incident), grouped
    /// by relation in order of first appearance, without `recipient` themselves.
    public static func from(alerts: [Alert], directory: Directory, excluding recipient: OfficerID) -> [NotifiedParty] {
        var parties: [NotifiedParty] = []
        var seen: Set<OfficerID> = [recipient]
        for alert in alerts where seen.insert(alert.recipient).inserted {
            let person =
                directory.officer(alert.recipient).map { Person($0, in: directory) }
                ?? Person(name: alert.recipient, title: "")
            if let index = parties.firstIndex(where: { $0.relation == alert.relation }) {
                parties[index].officers.append(person)
            } else {
                parties.append(NotifiedParty(relation: alert.relation, officers: [person]))
            }
        }
        return parties
    }

    /// The parties an escalated `obligation` has reached: its owner and the people of every
    /// chain level up to its current one, resolved through `directory` now, without `recipient`.
    public static func escalationRecipients(
        of obligation: Obligation,
        school: UnitID,
        policy: Policy,
        directory: Directory,
        excluding recipient: OfficerID
    ) -> [NotifiedParty] {
        var relations = [obligation.ownerRelation]
        if let chain = policy.chains[obligation.chain], obligation.level > 0 {
            for level in chain.levels.prefix(obligation.level) {
                relations += level.notify.filter { !relations.contains($0) }
            }
        }
        return relations.compactMap { relation in
            let people = directory.officers(relation, of: school).filter { $0.id != recipient }
                .map { Person($0, in: directory) }
            return people.isEmpty ? nil : NotifiedParty(relation: relation, officers: people)
        }
    }
}
