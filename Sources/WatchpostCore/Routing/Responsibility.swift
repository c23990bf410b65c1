/// Who may do what on an incident. The rule, in one place:
///
/// - report: any officer in the directory, or a monitoring tool;
/// - update or reopen: a tool, a monitor (anywhere), or anyone related to the school;
/// - acknowledge or record an action: anyone related to the school (head, deputy, police
///   liaisons, the authority's desk, leadership and head, the Department's leadership, the
///   commune People's Committee);
/// - resolve: the school's head or deputy, or the supervising authority;
/// - escalate: Watchpost itself (the deadline enforcer) or the supervising authority;
/// - merge or unmerge: the supervising authority, or the school's head; the router asks it of
///   both incidents' schools (D60).
///
/// A police liaison counts as related to the school only for the incidents routed to them
/// (`IncidentState.isRouted(to:)`): the API's rule, so that the workers never accept from a
/// liaison's own tool what the API would refuse them.
enum Responsibility {
    enum Act: String {
        case report, update, reopen, acknowledge, recordAction = "record an action", resolve, escalate
        case merge = "merge or unmerge incidents"
    }

    private static let authority: Set<Relation> = [
        .authorityDesk, .authorityLeadership, .authorityHead, .departmentLeadership,
    ]

    private static let police: Set<Relation> = [.communePoliceLiaison, .provincialPoliceLiaison]

    /// `nil` when `source` may do `act` on `incident` (or, for a report, on a new incident) at
    /// `school`; otherwise why not.
    static func check(
        _ act: Act,
        source: EventSource,
        school: UnitID,
        incident: IncidentState?,
        directory: Directory
    ) -> RoutingNote? {
        switch source.kind {
        case .system:
            return act == .escalate ? nil : denied(act, "Watchpost itself")
        case .tool:
            return [.report, .update, .reopen].contains(act) ? nil : denied(act, "tool `\(source.id)`")
        case .officer:
            guard let officer = directory.officer(source.id) else {
                return RoutingNote(.unknownOfficer, "officer `\(source.id)` is not in the directory")
            }
            var relations = Set(directory.relations(of: officer.id, to: school))
            if incident?.isRouted(to: officer.id) != true { relations.subtract(police) }
            let allowed = allows(act, relations: relations, isMonitor: officer.roles.contains(.monitor))
            return allowed ? nil : denied(act, "officer `\(officer.id)`", school: school)
        }
    }

    /// Whether an officer holding `relation` to a school, and no other relation or role there,
    /// may send an event of `type`: what the policy check at load asks of an obligation's owner.
    static func allows(_ type: EventType, by relation: Relation) -> Bool {
        let act: Act
        switch type {
        case .incidentReported: act = .report
        case .incidentUpdated: act = .update
        case .incidentAcknowledged: act = .acknowledge
        case .actionRecorded: act = .recordAction
        case .incidentEscalated: act = .escalate
        case .incidentResolved: act = .resolve
        case .incidentReopened: act = .reopen
        case .incidentMerged, .incidentUnmerged: act = .merge
        }
        return relation.isAlertable && allows(act, relations: [relation], isMonitor: false)
    }

    /// The rule itself, for an officer holding `relations` to the school.
    private static func allows(_ act: Act, relations: Set<Relation>, isMonitor: Bool) -> Bool {
        switch act {
        case .report: true
        case .update, .reopen: isMonitor || !relations.isEmpty
        case .acknowledge, .recordAction: !relations.isEmpty
        case .resolve: !relations.isDisjoint(with: authority.union([.schoolHead, .schoolDeputy]))
        case .escalate: !relations.isDisjoint(with: authority)
        case .merge: !relations.isDisjoint(with: authority.union([.schoolHead]))
        }
    }

    private static func denied(_ act: Act, _ who: String, school: UnitID? = nil) -> RoutingNote {
        let scope = school.map { " for school `\($0)`" } ?? ""
        return RoutingNote(.notResponsible, "\(who) holds no responsibility that lets it \(act.rawValue)\(scope)")
    }
}
