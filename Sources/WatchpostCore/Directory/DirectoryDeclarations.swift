import Foundation

/// What the authorities and officers declared through the API on top of `directory.yaml`
/// (issue 29): a unit's exceptional closures (a storm, a lockdown) and officers' absences. The
/// workers route with the directory these are laid over (`Directory.declaring(_:)`), so a
/// closure or a leave takes effect without an operator editing the file or restarting anything.
public struct DirectoryDeclarations: Sendable, Hashable {
    /// Closures declared for each unit; they hold for the units below it too.
    public var closures: [UnitID: [WorkingCalendar.Closure]]
    /// Absences recorded for each officer.
    public var absences: [OfficerID: [Absence]]

    /// Declarations from their parts; none by default.
    public init(closures: [UnitID: [WorkingCalendar.Closure]] = [:], absences: [OfficerID: [Absence]] = [:]) {
        self.closures = closures
        self.absences = absences
    }

    /// Whether nothing is declared.
    public var isEmpty: Bool { closures.isEmpty && absences.isEmpty }
}

extension Directory {
    /// This directory with `declarations` laid over it: each closure added to its unit's
    /// calendar (inherited below it as the file's closures are) and each absence to its
    /// officer's. Declarations naming a unit or officer the directory does not have are left out.
    public func declaring(_ declarations: DirectoryDeclarations) -> Directory {
        guard !declarations.isEmpty else { return self }
        let units = units.map { unit in
            guard let closures = declarations.closures[unit.id], !closures.isEmpty else { return unit }
            var unit = unit
            var calendar = unit.calendar ?? UnitCalendar()
            calendar.closures += closures
            unit.calendar = calendar
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
}
