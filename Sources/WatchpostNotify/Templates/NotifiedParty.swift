import WatchpostCore

/// Someone, by relation to the school, who has been told about an incident; shown to the
/// recipient of a reminder or an escalation so they know who else is already involved.
public struct NotifiedParty: Sendable, Hashable {
    /// How they stand to the school.
    public var relation: Relation
    /// The officers in that relation who were told, as named in the directory (officers only:
    /// students are never named anywhere).
    public var officerNames: [String]

    /// Creates a party.
    public init(relation: Relation, officerNames: [String]) {
        self.relation = relation
        self.officerNames = officerNames
    }

    /// The parties told by `alerts` (for instance every stored alert of the incident), grouped
    /// by relation in order of first appearance, without `recipient` themselves.
    public static func from(alerts: [Alert], directory: Directory, excluding recipient: OfficerID) -> [NotifiedParty] {
        var parties: [NotifiedParty] = []
        var seen: Set<OfficerID> = [recipient]
        for alert in alerts where seen.insert(alert.recipient).inserted {
            let name = directory.officer(alert.recipient)?.name ?? alert.recipient
            if let index = parties.firstIndex(where: { $0.relation == alert.relation }) {
                parties[index].officerNames.append(name)
            } else {
                parties.append(NotifiedParty(relation: alert.relation, officerNames: [name]))
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
            let names = directory.officers(relation, of: school).filter { $0.id != recipient }.map(\.name)
            return names.isEmpty ? nil : NotifiedParty(relation: relation, officerNames: names)
        }
    }
}
