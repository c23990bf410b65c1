import Foundation

/// The organisation tree and the officers in it, as loaded from `directory.yaml`.
///
/// Units and officers keep their file order, so every lookup is deterministic. The value is
/// immutable and indexed once when made, so lookups by id and by (unit, role) are dictionary hits.
public struct Directory: Sendable, Equatable {
    /// Every unit, in file order.
    public private(set) var units: [Unit]
    /// Every officer, in file order.
    public private(set) var officers: [Officer]
    private var unitIndex: [UnitID: Int]
    private var officerIndex: [OfficerID: Int]
    /// The officers of each unit holding each role, in file order.
    private var officersByPost: [Post: [Officer]]
    /// Each commune's People's Committee: the first `peoples_committee` unit whose parent it is.
    private var committeeByCommune: [UnitID: UnitID]
    /// Each unit's working calendar, inherited along its path up the tree.
    private var calendarByUnit: [UnitID: WorkingCalendar]

    /// A role in a unit: the key of `officersByPost`.
    private struct Post: Hashable {
        var unit: UnitID
        var role: OfficerRole
    }

    /// Creates a directory without validation; use `load(yaml:file:)` for files.
    public init(units: [Unit], officers: [Officer]) {
        self.units = units
        self.officers = officers
        unitIndex = Dictionary(units.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        officerIndex = Dictionary(officers.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        var officersByPost: [Post: [Officer]] = [:]
        for officer in officers {
            for (position, role) in officer.roles.enumerated() where !officer.roles[..<position].contains(role) {
                officersByPost[Post(unit: officer.unit, role: role), default: []].append(officer)
            }
        }
        self.officersByPost = officersByPost
        var committeeByCommune: [UnitID: UnitID] = [:]
        for unit in units where unit.kind == .peoplesCommittee {
            guard let parent = unit.parent, let index = unitIndex[parent], units[index].kind == .commune else {
                continue
            }
            if committeeByCommune[parent] == nil { committeeByCommune[parent] = unit.id }
        }
        self.committeeByCommune = committeeByCommune
        calendarByUnit = [:]
        for unit in units {
            calendarByUnit[unit.id] = UnitCalendar.resolve(path(from: unit.id).compactMap(\.calendar), kind: unit.kind)
        }
    }

    /// `start` and the units above it, nearest first; stops at a loop (the validator reports it).
    private func path(from start: UnitID) -> [Unit] {
        var path: [Unit] = []
        var seen: Set<UnitID> = []
        var current: UnitID? = start
        while let id = current, let unit = unit(id), seen.insert(id).inserted {
            path.append(unit)
            current = unit.parent
        }
        return path
    }

    /// The calendar `unit` works by (issue 29): its own `calendar:` over those of the units
    /// above it; a school office's week for a unit nobody set one for, or an unknown unit.
    public func calendar(for unit: UnitID) -> WorkingCalendar {
        calendarByUnit[unit] ?? .schoolOffice
    }

    /// Directories are equal when their units and officers are; the indexes follow from those.
    public static func == (lhs: Directory, rhs: Directory) -> Bool {
        lhs.units == rhs.units && lhs.officers == rhs.officers
    }

    /// The unit with `id`, if any.
    public func unit(_ id: UnitID) -> Unit? { unitIndex[id].map { units[$0] } }

    /// The officer with `id`, if any.
    public func officer(_ id: OfficerID) -> Officer? { officerIndex[id].map { officers[$0] } }

    /// The officers of `unit` holding `role`, in file order.
    public func officers(withRole role: OfficerRole, in unit: UnitID) -> [Officer] {
        officersByPost[Post(unit: unit, role: role)] ?? []
    }

    /// The officers standing in `relation` to `school`, in file order (for the commune People's
    /// Committee: its chair, then its vice-chairs); empty when nobody does (or the unit is not a
    /// school, or the relation is `peoples_committee`).
    public func officers(_ relation: Relation, of school: UnitID) -> [Officer] {
        guard let unit = unit(school), unit.kind.isSchool else { return [] }
        let authority = unit.parent
        switch relation {
        case .schoolHead: return officers(withRole: .head, in: school)
        case .schoolDeputy: return officers(withRole: .deputy, in: school)
        case .communePoliceLiaison:
            guard let commune = unit.commune.flatMap(self.unit) else { return [] }
            let atCommune = officers(withRole: .policeLiaison, in: commune.id)
            let atPolice = commune.police.map { officers(withRole: .policeLiaison, in: $0) } ?? []
            return atPolice + atCommune
        case .provincialPoliceLiaison:
            guard let police = unit.commune.flatMap(self.unit)?.police.flatMap(self.unit),
                let provincial = police.parent
            else { return [] }
            return officers(withRole: .policeLiaison, in: provincial)
        case .authorityDesk: return authority.map { officers(withRole: .authorityDesk, in: $0) } ?? []
        case .authorityLeadership: return authority.map { officers(withRole: .authorityLeadership, in: $0) } ?? []
        case .authorityHead: return authority.map { officers(withRole: .head, in: $0) } ?? []
        case .departmentLeadership:
            guard let superior = authority.flatMap(superiorAuthority(of:)) else { return [] }
            return officers(withRole: .authorityLeadership, in: superior)
        case .peoplesCommittee: return []
        case .communePeoplesCommittee:
            guard let committee = unit.commune.flatMap(peoplesCommittee(ofCommune:)) else { return [] }
            let chairs = officers(withRole: .head, in: committee)
            return chairs + officers(withRole: .deputy, in: committee).filter { !chairs.contains($0) }
        case .dutyOfficer:
            // Everyone on the authority's roster, whatever the day: `officers(_:of:at:)` picks the day's.
            var seen: Set<OfficerID> = []
            let roster = authority.flatMap { self.unit($0) }?.duty ?? []
            return roster.compactMap { shift in
                seen.insert(shift.officer).inserted ? officer(shift.officer) : nil
            }
        }
    }

    /// The education authority above `authority`: its parent when that is an education
    /// authority, otherwise the `department` it names (a commune office, which belongs to its
    /// People's Committee, is guided by the provincial Department).
    public func superiorAuthority(of authority: UnitID) -> UnitID? {
        guard let unit = unit(authority), unit.kind == .educationAuthority else { return nil }
        if let parent = unit.parent.flatMap(self.unit), parent.kind == .educationAuthority { return parent.id }
        return unit.department
    }

    /// The People's Committee of `commune`: the `peoples_committee` unit whose parent it is.
    public func peoplesCommittee(ofCommune commune: UnitID) -> UnitID? { committeeByCommune[commune] }

    /// The relations `officer` holds to `school`, in `Relation` order.
    public func relations(of officer: OfficerID, to school: UnitID) -> [Relation] {
        Relation.allCases.filter { relation in officers(relation, of: school).contains { $0.id == officer } }
    }

    /// The People's Committee that receives reports about `school`: the `reports_to` of its
    /// authority, or of the nearest authority above it that names one; an authority that
    /// belongs to a People's Committee and names none reports to that committee.
    public func reportingCommittee(of school: UnitID) -> UnitID? {
        unit(school)?.parent.flatMap(reportingCommittee(ofAuthority:))
    }

    /// The People's Committee that receives `authority`'s reports: its `reports_to`, or that of
    /// the nearest authority above it that names one; the committee it belongs to otherwise.
    public func reportingCommittee(ofAuthority start: UnitID) -> UnitID? {
        var current: UnitID? = start
        var seen: Set<UnitID> = []
        while let id = current, let authority = unit(id), seen.insert(id).inserted {
            if let committee = authority.reportsTo { return committee }
            if authority.kind == .peoplesCommittee { return authority.id }
            current = authority.parent
        }
        return nil
    }

    /// The schools of the tree, in file order.
    public var schools: [Unit] { units.filter { $0.kind.isSchool } }
}
