import Foundation
import Postgres
import WatchpostCore

/// Which incidents a caller may see or act on, in terms the database can filter by: the
/// access rules (WatchpostAPI's `Access`) decide it from the directory, the queries of this
/// folder apply it in SQL, so a list and a single read never disagree.
///
/// An incident is inside the scope when any clause admits it (and it is one of `incidents`,
/// when that is set).
public struct IncidentScope: Sendable, Hashable {
    /// Every incident (a tool with the read scope).
    public var everything: Bool
    /// Incidents of these schools (`incidents.unit_id`).
    public var units: [UnitID]
    /// Incidents opened while the school was supervised by one of these authorities
    /// (`incidents.authority_id`), so a later re-mapping of the tree does not hide them.
    public var authorities: [UnitID]
    /// Incidents with an alert or an obligation naming this officer (a police liaison, or the
    /// recipient of a signed link).
    public var routedTo: OfficerID?
    /// Incidents this source reported (the first report or an attached duplicate).
    public var reportedBy: EventSource?
    /// When set, only these incidents (a signed link is good for its incident only).
    public var incidents: [UUID]?

    /// Creates a scope; the default admits nothing.
    public init(
        everything: Bool = false,
        units: [UnitID] = [],
        authorities: [UnitID] = [],
        routedTo: OfficerID? = nil,
        reportedBy: EventSource? = nil,
        incidents: [UUID]? = nil
    ) {
        self.everything = everything
        self.units = units
        self.authorities = authorities
        self.routedTo = routedTo
        self.reportedBy = reportedBy
        self.incidents = incidents
    }

    /// The scope that admits nothing.
    public static let nothing = IncidentScope()

    /// Whether no incident can be inside it.
    public var isEmpty: Bool {
        (!everything && units.isEmpty && authorities.isEmpty && routedTo == nil && reportedBy == nil)
            || incidents?.isEmpty == true
    }
}

extension PostgresQuery.StringInterpolation {
    /// Splices the condition "the incident aliased `alias` is inside `scope`", with every value
    /// bound as a parameter.
    mutating func appendInterpolation(incident alias: String, inside scope: IncidentScope) {
        let i = alias
        appendLiteral("((\(scope.everything ? "TRUE" : "FALSE") OR \(i).unit_id = ANY(")
        appendInterpolation(scope.units)
        appendLiteral("::text[]) OR \(i).authority_id = ANY(")
        appendInterpolation(scope.authorities)
        appendLiteral("::text[]) OR EXISTS (SELECT 1 FROM alerts sa WHERE sa.incident_id = \(i).id AND sa.recipient = ")
        appendInterpolation(scope.routedTo)
        appendLiteral(
            ") OR EXISTS (SELECT 1 FROM obligations so WHERE so.incident_id = \(i).id AND so.owner_officer_id = "
        )
        appendInterpolation(scope.routedTo)
        appendLiteral(
            ") OR EXISTS (SELECT 1 FROM incident_evidence se WHERE se.incident_id = \(i).id AND se.reported_by_kind = "
        )
        appendInterpolation(scope.reportedBy?.kind.rawValue)
        appendLiteral(" AND se.reported_by_id = ")
        appendInterpolation(scope.reportedBy?.id)
        appendLiteral(")) AND (\(scope.incidents == nil ? "TRUE" : "FALSE") OR \(i).id = ANY(")
        appendInterpolation(scope.incidents ?? [])
        appendLiteral("::uuid[])))")
    }
}
