/// Checks every reference of a parsed directory, so routing never meets a dangling id.
enum DirectoryValidator {
    static func validate(_ directory: Directory, _ reader: inout ConfigReader) {
        checkDuplicates(directory, &reader)
        for unit in directory.units {
            checkReferences(of: unit, directory, &reader)
        }
        checkCycles(directory, &reader)
        checkCommuneCommittees(directory, &reader)
        for officer in directory.officers {
            guard let unit = directory.unit(officer.unit) else {
                reader.report(line: officer.line, "officer `\(officer.id)` is in unknown unit `\(officer.unit)`")
                continue
            }
            for role in officer.roles where !role.allowedUnitKinds.contains(unit.kind) {
                reader.report(
                    line: officer.line,
                    "officer `\(officer.id)`: role `\(role.rawValue)` does not exist in a unit of kind `\(unit.kind.rawValue)`"
                )
            }
        }
        for school in directory.schools {
            checkReachable(school, directory, &reader)
        }
        checkPresence(directory, &reader)
    }

    /// Absences name a delegate of the same unit who can act; duty rosters name officers of the
    /// authority who can act.
    private static func checkPresence(_ directory: Directory, _ reader: inout ConfigReader) {
        for officer in directory.officers {
            for absence in officer.absences {
                guard let id = absence.delegate, let problem = directory.delegateProblem(id, for: officer) else {
                    continue
                }
                reader.report(line: officer.line, "officer `\(officer.id)`, absence from \(absence.first): \(problem)")
            }
        }
        for unit in directory.units {
            for shift in unit.duty {
                guard let problem = directory.dutyProblem(shift.officer, at: unit.id) else { continue }
                reader.report(line: unit.line, "unit `\(unit.id)`: \(problem)")
            }
        }
    }

    private static func checkDuplicates(_ directory: Directory, _ reader: inout ConfigReader) {
        var unitLines: [UnitID: Int] = [:]
        for unit in directory.units {
            if let first = unitLines[unit.id] {
                reader.report(line: unit.line, "duplicate unit id `\(unit.id)` (first defined on line \(first))")
            } else {
                unitLines[unit.id] = unit.line
            }
        }
        var officerLines: [OfficerID: Int] = [:]
        for officer in directory.officers {
            if let first = officerLines[officer.id] {
                reader.report(
                    line: officer.line,
                    "duplicate officer id `\(officer.id)` (first defined on line \(first))"
                )
            } else {
                officerLines[officer.id] = officer.line
            }
        }
    }

    private static func checkReferences(of unit: Unit, _ directory: Directory, _ reader: inout ConfigReader) {
        func check(_ reference: UnitID?, _ what: String, kinds: [UnitKind]) {
            guard let reference else { return }
            guard let target = directory.unit(reference) else {
                reader.report(
                    line: unit.line,
                    "unit `\(unit.id)`: \(what) `\(reference)` is not a unit in the directory"
                )
                return
            }
            if !kinds.contains(target.kind) {
                let expected = kinds.map(\.rawValue).joined(separator: " or ")
                reader.report(
                    line: unit.line,
                    "unit `\(unit.id)`: \(what) `\(reference)` is a `\(target.kind.rawValue)`, expected \(expected)"
                )
            }
        }
        check(unit.parent, unit.kind.isSchool ? "authority" : "parent", kinds: unit.kind.allowedParentKinds)
        check(unit.commune, "commune", kinds: [.commune])
        check(unit.police, "police", kinds: [.communePolice])
        check(unit.reportsTo, "reports_to", kinds: [.peoplesCommittee])
        check(unit.department, "department", kinds: [.educationAuthority])
        if let department = unit.department {
            if department == unit.id {
                reader.report(line: unit.line, "unit `\(unit.id)`: `department` names the unit itself")
            } else if let parent = unit.parent.flatMap(directory.unit), parent.kind == .educationAuthority {
                reader.report(
                    line: unit.line,
                    "unit `\(unit.id)`: its parent `\(parent.id)` is already the education authority above it; "
                        + "`department` is for an authority that belongs to a People's Committee"
                )
            }
        }
        if unit.kind == .commune && unit.police == nil {
            reader.report(
                line: unit.line,
                "commune `\(unit.id)` is missing `police`: its schools would have no police at the same level"
            )
        }
    }

    /// A commune has at most one People's Committee, and a school supervised by an office that
    /// belongs to a commune's People's Committee lies in that commune: otherwise the committee
    /// alerted as `commune_peoples_committee` would not be the one that manages the school.
    private static func checkCommuneCommittees(_ directory: Directory, _ reader: inout ConfigReader) {
        for unit in directory.units where unit.kind == .peoplesCommittee {
            guard let commune = unit.parent, let first = directory.peoplesCommittee(ofCommune: commune),
                first != unit.id
            else { continue }
            reader.report(
                line: unit.line,
                "commune `\(commune)` already has People's Committee `\(first)`; a commune has only one"
            )
        }
        for school in directory.schools {
            guard let authority = school.parent.flatMap(directory.unit), authority.kind == .educationAuthority,
                let committee = authority.parent.flatMap(directory.unit), committee.kind == .peoplesCommittee,
                let commune = committee.parent.flatMap(directory.unit), commune.kind == .commune,
                let schoolCommune = school.commune, schoolCommune != commune.id
            else { continue }
            reader.report(
                line: school.line,
                "school `\(school.id)` is in commune `\(schoolCommune)`, but its authority `\(authority.id)` "
                    + "belongs to `\(committee.id)`, the People's Committee of commune `\(commune.id)`"
            )
        }
    }

    private static func checkCycles(_ directory: Directory, _ reader: inout ConfigReader) {
        var reported: Set<UnitID> = []
        for unit in directory.units {
            var path: [UnitID] = [unit.id]
            var current = unit.parent
            while let id = current, let next = directory.unit(id) {
                if let start = path.firstIndex(of: id) {
                    let cycle = path[start...] + [id]
                    if reported.isDisjoint(with: cycle) {
                        reader.report(line: unit.line, "the tree has a cycle: \(cycle.joined(separator: " → "))")
                    }
                    reported.formUnion(cycle)
                    break
                }
                path.append(id)
                current = next.parent
            }
        }
    }

    private static func checkReachable(_ school: Unit, _ directory: Directory, _ reader: inout ConfigReader) {
        if directory.officers(withRole: .head, in: school.id).isEmpty {
            reader.report(line: school.line, "school `\(school.id)` has no officer with role `head`")
        }
        if let commune = school.commune.flatMap(directory.unit), commune.kind == .commune,
            directory.officers(.communePoliceLiaison, of: school.id).isEmpty
        {
            let where_ = commune.police.map { "police unit `\($0)`" } ?? "commune `\(commune.id)`"
            reader.report(
                line: school.line,
                "school `\(school.id)` has no reachable police liaison: \(where_) has no officer with role `police_liaison`"
            )
        }
        if let authority = school.parent.flatMap(directory.unit), authority.kind == .educationAuthority,
            directory.officers(.authorityDesk, of: school.id).isEmpty
        {
            reader.report(
                line: school.line,
                "school `\(school.id)`: its authority `\(authority.id)` has no officer with role `authority_desk`"
            )
        }
    }
}
