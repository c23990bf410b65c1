import Foundation

/// What the authorities and officers declared through the API on top of `directory.yaml`
/// (issue 29): a unit's exceptional closures (a storm, a lockdown), officers' absences, and the
/// authorities' duty rosters. The workers route with the directory these are laid over
/// (`Directory.declaring(_:)`), so a closure, a leave or a change of roster takes effect without
/// an operator editing the file or restarting anything.
public struct DirectoryDeclarations: Sendable, Hashable {
    /// Closures declared for each unit; they hold for the units below it too.
    public var closures: [UnitID: [WorkingCalendar.Closure]]
    /// Absences recorded for each officer.
    public var absences: [OfficerID: [Absence]]
    /// Duty periods named for each authority.
    public var duty: [UnitID: [DutyShift]]

    /// Declarations from their parts; none by default.
    public init(
        closures: [UnitID: [WorkingCalendar.Closure]] = [:],
        absences: [OfficerID: [Absence]] = [:],
        duty: [UnitID: [DutyShift]] = [:]
    ) {
        self.closures = closures
        self.absences = absences
        self.duty = duty
    }

    /// Whether nothing is declared.
    public var isEmpty: Bool { closures.isEmpty && absences.isEmpty && duty.isEmpty }
}

extension Directory {
    /// This directory with `declarations` laid over it: each closure added to its unit's
    /// calendar (inherited below it as the file's closures are), each absence to its officer's,
    /// and each duty period to its authority's roster. Declarations naming a unit or officer the
    /// directory does not have are left out.
    public func declaring(_ declarations: DirectoryDeclarations) -> Directory {
        guard !declarations.isEmpty else { return self }
        let units = units.map { unit in
            var unit = unit
            if let closures = declarations.closures[unit.id], !closures.isEmpty {
                var calendar = unit.calendar ?? UnitCalendar()
                calendar.closures += closures
                unit.calendar = calendar
            }
            unit.duty += declarations.duty[unit.id] ?? []
            return unit
        }
        let officers = officers.map { officer in
            guard let absences = declarations.absences[officer.id], !absences.isEmpty else { return officer }
            var officer = officer
            officer.absences += absences
            return officer
        }
        return Directory(units: units, officers: officers)
    }

    /// Whether `unit` is `ancestor` or lies below it in the tree: the units a closure declared
    /// for `ancestor` closes.
    public func unit(_ unit: UnitID, isAtOrBelow ancestor: UnitID) -> Bool {
        var current: UnitID? = unit
        var seen: Set<UnitID> = []
        while let id = current, seen.insert(id).inserted {
            if id == ancestor { return true }
            current = self.unit(id)?.parent
        }
        return false
    }

    /// The roles that can act on a unit's incidents through the API and the workers alike: a
    /// delegate or a duty officer must hold one, or they could not do what they stand in for.
    public static let actingRoles: Set<OfficerRole> = [.head, .deputy, .authorityDesk, .authorityLeadership]

    /// Why `delegate` cannot stand in for `officer` during an absence, in English; nil when they
    /// can: another officer of the same unit who holds an acting role.
    public func delegateProblem(_ delegate: OfficerID, for officer: Officer) -> String? {
        guard let found = self.officer(delegate), found.id != officer.id else {
            return "the delegate `\(delegate)` is not another officer in the directory"
        }
        guard found.unit == officer.unit, !Self.actingRoles.isDisjoint(with: found.roles) else {
            return "the delegate `\(delegate)` must be an officer of `\(officer.unit)` who can act on its incidents "
                + "(head, deputy, authority_desk or authority_leadership)"
        }
        return nil
    }

    /// Why `officer` cannot be on `authority`'s after-hours duty roster, in English; nil when
    /// they can: an officer of that education authority who holds an acting role.
    public func dutyProblem(_ officer: OfficerID, at authority: UnitID) -> String? {
        guard unit(authority)?.kind == .educationAuthority else {
            return "duty officer `\(officer)`: `\(authority)` is not an education authority, which keeps a duty roster"
        }
        guard let found = self.officer(officer), found.unit == authority,
            !Self.actingRoles.isDisjoint(with: found.roles)
        else {
            return
                "duty officer `\(officer)` must be an officer of `\(authority)` who can act on its schools' incidents "
                + "(head, deputy, authority_desk or authority_leadership)"
        }
        return nil
    }
}
