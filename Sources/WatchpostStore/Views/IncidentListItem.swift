import Foundation
import WatchpostCore

/// One incident in a list: enough to choose which to open, never its links or summary.
public struct IncidentListItem: Sendable, Hashable {
    /// The incident.
    public var id: UUID
    /// Its school.
    public var unitID: UnitID
    /// The school's name, when the unit is in the database.
    public var unitName: String?
    /// Where it is in its lifecycle.
    public var status: IncidentStatus
    /// Its category.
    public var category: IncidentCategory
    /// Its severity.
    public var severity: Severity
    /// Where the content appeared.
    public var platform: Platform
    /// When the content was first seen.
    public var reportedAt: Date
    /// When Watchpost (re)opened it.
    public var openedAt: Date
    /// When it was resolved, if it is.
    public var resolvedAt: Date?
    /// The highest escalation level reached.
    public var escalationLevel: Int
    /// Open obligations on it.
    public var openObligations: Int
    /// The earliest deadline among them.
    public var nextDueAt: Date?
}

/// The filters of an incident list; `nil` means "any".
public struct IncidentFilter: Sendable, Hashable {
    /// Only incidents in this status.
    public var status: IncidentStatus?
    /// Only incidents of this unit.
    public var unit: UnitID?
    /// Only incidents reported at or after this instant.
    public var from: Date?
    /// Only incidents reported before this instant.
    public var to: Date?
    /// At most this many, newest first. Default: 200.
    public var limit = 200

    /// Creates a filter.
    public init(status: IncidentStatus? = nil, unit: UnitID? = nil, from: Date? = nil, to: Date? = nil) {
        self.status = status
        self.unit = unit
        self.from = from
        self.to = to
    }
}
