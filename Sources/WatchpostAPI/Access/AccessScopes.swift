import WatchpostCore
import WatchpostStore

extension Access {
    /// The incidents `principal` may see.
    public static func visibility(of principal: Principal, directory: Directory) -> IncidentScope {
        switch principal {
        case .tool(_, _, let scopes):
            return scopes.contains(.read) ? IncidentScope(everything: true) : .nothing
        case .officer(let officer, .link(let incident)):
            var scope = roleScope(of: officer, directory: directory, includeReports: true)
            scope.routedTo = officer.id
            scope.incidents = [incident]
            return scope
        case .officer(let officer, _):
            return roleScope(of: officer, directory: directory, includeReports: true)
        }
    }

    /// The incidents `principal` may act on (acknowledge, record actions, resolve, reopen,
    /// escalate), scope aside: the school's head and deputies, routed police liaisons, the
    /// supervising authorities' staff; with a link, the officer it was sent to, on its incident.
    public static func actingScope(of principal: Principal, directory: Directory) -> IncidentScope {
        switch principal {
        case .tool:
            return .nothing
        case .officer(let officer, .link(let incident)):
            var scope = roleScope(of: officer, directory: directory, includeReports: false)
            scope.routedTo = officer.id
            scope.incidents = [incident]
            return scope
        case .officer(let officer, _):
            return roleScope(of: officer, directory: directory, includeReports: false)
        }
    }

    /// The units `officer` may report for: a monitor's own unit and, at an education authority,
    /// a commune or a commune's police, the schools under it. Empty for other roles.
    public static func reportingUnits(of officer: Officer, directory: Directory) -> Set<UnitID> {
        guard officer.roles.contains(.monitor), let unit = directory.unit(officer.unit) else { return [] }
        var units: Set<UnitID> = [unit.id]
        switch unit.kind {
        case .educationAuthority:
            units.formUnion(supervision(by: unit.id, directory: directory).schools)
        case .commune:
            units.formUnion(directory.schools.filter { $0.commune == unit.id }.map(\.id))
        case .communePolice:
            let communes = Set(directory.units.filter { $0.kind == .commune && $0.police == unit.id }.map(\.id))
            units.formUnion(directory.schools.filter { $0.commune.map(communes.contains) ?? false }.map(\.id))
        default:
            break
        }
        return units
    }

    /// Whether `officer` holds a role that can act on some incident.
    static func canActAtAll(_ officer: Officer, directory: Directory) -> Bool {
        !roleScope(of: officer, directory: directory, includeReports: false).isEmpty
    }

    /// The schools an education authority supervises and the authorities under it (itself
    /// included), following `Directory.superiorAuthority` down the tree (a commune office
    /// belongs to its People's Committee but is under the Department it names as `department`).
    static func supervision(by authority: UnitID, directory: Directory) -> (schools: [UnitID], authorities: [UnitID]) {
        var authorities: Set<UnitID> = [authority]
        var grew = true
        while grew {
            grew = false
            for unit in directory.units where unit.kind == .educationAuthority && !authorities.contains(unit.id) {
                if let superior = directory.superiorAuthority(of: unit.id), authorities.contains(superior) {
                    authorities.insert(unit.id)
                    grew = true
                }
            }
        }
        let schools = directory.schools.filter { $0.parent.map(authorities.contains) ?? false }.map(\.id)
        return (schools, directory.units.filter { authorities.contains($0.id) }.map(\.id))
    }

    private static func roleScope(of officer: Officer, directory: Directory, includeReports: Bool) -> IncidentScope {
        var scope = IncidentScope()
        guard let unit = directory.unit(officer.unit) else { return scope }
        var units: Set<UnitID> = []
        var authorities: Set<UnitID> = []
        for role in officer.roles {
            switch role {
            case .head, .deputy, .authorityDesk, .authorityLeadership:
                if unit.kind.isSchool {
                    units.insert(unit.id)
                    continue
                }
                // A People's Committee's chair and vice-chairs: what Watchpost alerted them
                // about (a child at risk, a critical case, a routine miss at its last level).
                if unit.kind == .peoplesCommittee {
                    scope.routedTo = officer.id
                    continue
                }
                guard unit.kind == .educationAuthority else { continue }
                let supervised = supervision(by: unit.id, directory: directory)
                units.formUnion(supervised.schools)
                authorities.formUnion(supervised.authorities)
            case .policeLiaison:
                scope.routedTo = officer.id
            case .monitor:
                if includeReports { scope.reportedBy = EventSource(kind: .officer, id: officer.id) }
            }
        }
        scope.units = units.sorted()
        scope.authorities = authorities.sorted()
        return scope
    }
}
