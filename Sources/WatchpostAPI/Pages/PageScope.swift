import WatchpostCore

/// Which schools a page offers an officer, from the access rules (`Access`): the schools a
/// monitoring officer may report for, and the schools an authority's overview covers.
enum PageScope {
    /// The schools `officer` may report for (`Access.reportingUnits`), in directory order.
    static func reportableSchools(for officer: Officer, in directory: Directory) -> [WatchpostCore.Unit] {
        let units = Access.reportingUnits(of: officer, directory: directory)
        return directory.schools.filter { units.contains($0.id) }
    }

    /// The schools an authority's overview shows to `officer`: those their education authority
    /// supervises, directly or through authorities below it, for its head, deputies, desk and
    /// leadership; empty for anyone else.
    static func overviewSchools(for officer: Officer, in directory: Directory) -> [WatchpostCore.Unit] {
        let staff: Set<OfficerRole> = [.head, .deputy, .authorityDesk, .authorityLeadership]
        guard let unit = directory.unit(officer.unit), unit.kind == .educationAuthority,
            officer.roles.contains(where: staff.contains)
        else { return [] }
        let schools = Set(Access.supervision(by: unit.id, directory: directory).schools)
        return directory.schools.filter { schools.contains($0.id) }
    }
}
