import WatchpostCore
import WatchpostPresentation

/// Which schools a page offers an officer, from the access rules (`Access`): the schools a
/// monitoring officer may report for, the schools an authority's overview covers, and whose
/// figures the period report shows.
enum PageScope {
    /// Whose figures the period report (`/overview/report`) shows an officer.
    enum ReportUnit: Sendable, Hashable {
        /// The schools of this education authority (`ReportScope.authorityID`).
        case authority(UnitID)
        /// This school only (`ReportScope.unitID`).
        case school(UnitID)
        /// Every school: the report of an authority that supervises only other authorities (the
        /// provincial Department), as the scheduled reports scope it.
        case everySchool
    }

    /// The roles of an education authority's staff who see its overview and its period report.
    private static let authorityStaff: Set<OfficerRole> = [.head, .deputy, .authorityDesk, .authorityLeadership]

    /// The schools `officer` may report for (`Access.reportingUnits`), in directory order.
    static func reportableSchools(for officer: Officer, in directory: Directory) -> [WatchpostCore.Unit] {
        let units = Access.reportingUnits(of: officer, directory: directory)
        return directory.schools.filter { units.contains($0.id) }
    }

    /// The schools an authority's overview shows to `officer`: those their education authority
    /// supervises, directly or through authorities below it, for its head, deputies, desk and
    /// leadership; empty for anyone else.
    static func overviewSchools(for officer: Officer, in directory: Directory) -> [WatchpostCore.Unit] {
        guard let unit = directory.unit(officer.unit), unit.kind == .educationAuthority,
            officer.roles.contains(where: authorityStaff.contains)
        else { return [] }
        let schools = Set(Access.supervision(by: unit.id, directory: directory).schools)
        return directory.schools.filter { schools.contains($0.id) }
    }

    /// Whose period report `officer` sees: their education authority's, for the staff who see
    /// its overview; the report of the authority that reports to their People's Committee, for
    /// its chair and vice-chairs, who receive it; their own school's, for a head of school; nil for
    /// anyone else. An authority's report covers what its scheduled report covers
    /// (`Directory.reportingAuthorities`).
    static func reportUnit(for officer: Officer, in directory: Directory) -> ReportUnit? {
        guard let unit = directory.unit(officer.unit) else { return nil }
        let issuers = directory.reportingAuthorities
        func report(of authority: UnitID) -> ReportUnit {
            issuers.first { $0.authority.id == authority }?.scoped == false ? .everySchool : .authority(authority)
        }
        if !overviewSchools(for: officer, in: directory).isEmpty { return report(of: unit.id) }
        if unit.kind == .peoplesCommittee, officer.roles.contains(where: { $0 == .head || $0 == .deputy }),
            let issuer = issuers.first(where: { directory.reportingCommittee(ofAuthority: $0.authority.id) == unit.id })
        {
            return report(of: issuer.authority.id)
        }
        if unit.kind.isSchool, officer.roles.contains(.head) { return .school(unit.id) }
        return nil
    }
}
