import Foundation

/// An officer's absence (leave, illness, a mission), recorded in `directory.yaml` by the officer
/// or their authority, with the officer who stands in for them (issue 29).
///
/// While it lasts, alerts and obligations that would go to the officer go to the delegate, and
/// the per-head report attributes what the delegate owned to the delegate. Without a delegate the
/// officer is simply not alerted, and alerts about the incidents they would have owned tell the
/// reader so.
public struct Absence: Sendable, Hashable, DaySpan {
    /// The first day away.
    public var first: CivilDay
    /// The last day away.
    public var last: CivilDay
    /// Who stands in: the deputy, or another officer of the unit who can act on its incidents.
    public var delegate: OfficerID?
    /// Why, as written, e.g. "Nghỉ phép năm".
    public var reason: String

    /// An absence from `first` to `last`, both included.
    public init(first: CivilDay, last: CivilDay, delegate: OfficerID?, reason: String) {
        self.first = first
        self.last = last
        self.delegate = delegate
        self.reason = reason
    }

    /// One line for the officer's history: `absent FIRST..LAST delegate REASON`.
    public var line: String { "absent \(first)..\(last) \(delegate ?? "-") \(reason)" }
}

/// A roster period of an authority's after-hours duty officer (cán bộ trực, issue 29): outside
/// working hours, urgent alerts also go to the officer on duty, who may acknowledge an urgent
/// obligation on the owner's behalf.
public struct DutyShift: Sendable, Hashable, DaySpan {
    /// The officer on duty, at the authority.
    public var officer: OfficerID
    /// The first day of the period.
    public var first: CivilDay
    /// The last day of the period.
    public var last: CivilDay

    /// A roster period from `first` to `last`, both included.
    public init(officer: OfficerID, first: CivilDay, last: CivilDay) {
        self.officer = officer
        self.first = first
        self.last = last
    }

    /// One line for the authority's history: `duty FIRST..LAST OFFICER`.
    public var line: String { "duty \(first)..\(last) \(officer)" }
}
