import Foundation

extension Directory {
    /// The officers standing in `relation` to `school` at `date` (issue 29): the duty officer on
    /// that day for `dutyOfficer`; for the others, whoever holds the relation, an absent officer
    /// replaced by their delegate, or left out when they named none. Each officer once, in order.
    public func officers(_ relation: Relation, of school: UnitID, at date: Date) -> [Officer] {
        var seen: Set<OfficerID> = []
        var result: [Officer] = []
        for officer in officers(relation, of: school) {
            if relation == .dutyOfficer, !isOnDuty(officer.id, for: school, at: date) { continue }
            guard let standing = standingIn(for: officer, at: date) else { continue }
            if seen.insert(standing.id).inserted { result.append(standing) }
        }
        return result
    }

    /// Who stands in for `officer` at `date`: the officer, their delegate while they are away,
    /// or `nil` when they are away with no delegate (or the delegate is away too).
    public func standingIn(for officer: Officer, at date: Date) -> Officer? {
        guard let absence = absence(of: officer.id, at: date) else { return officer }
        guard let delegate = absence.delegate.flatMap(self.officer), self.absence(of: delegate.id, at: date) == nil
        else { return nil }
        return delegate
    }

    /// The absence of `officer` that covers `date`, if any.
    public func absence(of officer: OfficerID, at date: Date) -> Absence? {
        self.officer(officer)?.absences.first { $0.covers(date) }
    }

    /// The officers holding `relation` to `school` who are away at `date` with nobody standing in.
    public func uncovered(_ relation: Relation, of school: UnitID, at date: Date) -> [Officer] {
        guard relation != .dutyOfficer else { return [] }
        return officers(relation, of: school).filter { standingIn(for: $0, at: date) == nil }
    }

    /// Whether `officer` is on the duty roster of `school`'s supervising authority on `date`'s day.
    public func isOnDuty(_ officer: OfficerID, for school: UnitID, at date: Date) -> Bool {
        guard let authority = unit(school)?.parent.flatMap(unit) else { return false }
        return authority.duty.contains { $0.officer == officer && $0.covers(date) }
    }
}
