import Foundation
import Yams

extension Directory {
    /// An officer's `absences`: `- { from: YYYY-MM-DD, to: YYYY-MM-DD, delegate: officer-id,
    /// reason: … }`, `delegate` optional.
    static func parseAbsences(_ node: Node?, officer: OfficerID, _ reader: inout ConfigReader) -> [Absence] {
        let what = "an absence of officer `\(officer)`"
        return reader.list(node, "`absences` of officer `\(officer)`").compactMap { entry in
            guard let map = reader.mapping(entry, what) else { return nil }
            reader.rejectUnknownKeys(map, allowed: ["from", "to", "delegate", "reason"], in: what)
            guard let days = parseDays(map, what: what, &reader),
                let reason = reader.required(map, "reason", in: what)
            else { return nil }
            let delegate = reader.string(map["delegate"], "`delegate`")
            return Absence(first: days.first, last: days.last, delegate: delegate, reason: reason)
        }
    }

    /// An authority's `duty` roster: `- { officer: officer-id, from: YYYY-MM-DD, to: YYYY-MM-DD }`.
    static func parseDuty(_ node: Node?, unit: UnitID, _ reader: inout ConfigReader) -> [DutyShift] {
        let what = "a duty period of unit `\(unit)`"
        return reader.list(node, "`duty` of unit `\(unit)`").compactMap { entry in
            guard let map = reader.mapping(entry, what) else { return nil }
            reader.rejectUnknownKeys(map, allowed: ["officer", "from", "to"], in: what)
            guard let officer = reader.required(map, "officer", in: what),
                let days = parseDays(map, what: what, &reader)
            else { return nil }
            return DutyShift(officer: officer, first: days.first, last: days.last)
        }
    }

    /// `from` and `to`, two dates written YYYY-MM-DD, the second not before the first.
    private static func parseDays(_ map: ConfigMap, what: String, _ reader: inout ConfigReader)
        -> (first: CivilDay, last: CivilDay)?
    {
        guard let from = reader.required(map, "from", in: what), let to = reader.required(map, "to", in: what) else {
            return nil
        }
        guard let first = CivilDay(from), let last = CivilDay(to), first <= last else {
            reader.report(map.node, "\(what) runs from one date to a later or equal one, written YYYY-MM-DD")
            return nil
        }
        return (first, last)
    }
}
