extension Directory {
    /// The officers standing in `relation` to the education authority `authority`, for a report
    /// it issues, in file order: its desk, leadership or head; the leadership of the authority
    /// above it; or the chair and vice-chairs of the People's Committee it reports to. Empty for
    /// relations that stand to one school, or when nobody holds the post.
    public func officers(_ relation: Relation, ofAuthority authority: UnitID) -> [Officer] {
        guard let unit = unit(authority), unit.kind == .educationAuthority else { return [] }
        switch relation {
        case .authorityDesk: return officers(withRole: .authorityDesk, in: authority)
        case .authorityLeadership: return officers(withRole: .authorityLeadership, in: authority)
        case .authorityHead: return officers(withRole: .head, in: authority)
        case .departmentLeadership:
            return superiorAuthority(of: authority).map { officers(withRole: .authorityLeadership, in: $0) } ?? []
        case .peoplesCommittee:
            guard let committee = reportingCommittee(ofAuthority: authority) else { return [] }
            let chairs = officers(withRole: .head, in: committee)
            return chairs + officers(withRole: .deputy, in: committee).filter { !chairs.contains($0) }
        case .schoolHead, .schoolDeputy, .communePoliceLiaison, .provincialPoliceLiaison, .communePeoplesCommittee,
            .dutyOfficer:
            return []
        }
    }

    /// The education authorities that issue periodic reports, in file order, each with the
    /// scope of its report: an authority that supervises schools reports on them (`scoped`);
    /// one that supervises only other authorities (the provincial Department) reports on every
    /// school of the tree.
    public var reportingAuthorities: [(authority: Unit, scoped: Bool)] {
        let supervising = Set(schools.compactMap(\.parent))
        let superiors = Set(units.filter { $0.kind == .educationAuthority }.compactMap { superiorAuthority(of: $0.id) })
        return units.compactMap { unit in
            guard unit.kind == .educationAuthority else { return nil }
            if supervising.contains(unit.id) { return (unit, true) }
            if superiors.contains(unit.id) { return (unit, false) }
            return nil
        }
    }
}
