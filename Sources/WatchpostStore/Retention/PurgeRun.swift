import Foundation

/// Who started a purge: `watchpost purge` or a worker's daily schedule.
public enum PurgeTrigger: String, Sendable, Hashable {
    /// `watchpost purge`.
    case cli
    /// A worker's `RetentionService`.
    case worker
}

/// What a purge removed (or, in a dry run, would remove): rows changed per table.
public struct PurgeCounts: Sendable, Hashable, CustomStringConvertible {
    /// Incidents whose summary, URLs and dedup key were removed.
    public var incidents = 0
    /// Evidence rows whose summary and URLs were removed.
    public var evidence = 0
    /// Events whose payload was reduced to ids, types, classification and actions.
    public var events = 0
    /// Rejected inputs (dead letters) whose body and key were removed.
    public var rejectedEvents = 0

    /// Creates counts.
    public init(incidents: Int = 0, evidence: Int = 0, events: Int = 0, rejectedEvents: Int = 0) {
        self.incidents = incidents
        self.evidence = evidence
        self.events = events
        self.rejectedEvents = rejectedEvents
    }

    /// `incidents=… evidence=… events=… rejected_events=…`.
    public var description: String {
        "incidents=\(incidents) evidence=\(evidence) events=\(events) rejected_events=\(rejectedEvents)"
    }

    static func + (lhs: PurgeCounts, rhs: PurgeCounts) -> PurgeCounts {
        PurgeCounts(
            incidents: lhs.incidents + rhs.incidents,
            evidence: lhs.evidence + rhs.evidence,
            events: lhs.events + rhs.events,
            rejectedEvents: lhs.rejectedEvents + rhs.rejectedEvents
        )
    }
}

/// The instants before which a resolved incident is due for a purge: `student` for one involving
/// a student, `other` (nil: never) for the rest.
struct PurgeCutoffs: Sendable, Hashable {
    var student: Date
    var other: Date?
}

/// One purge as recorded in `purge_runs` (a dry run is not recorded: `id` is nil).
public struct PurgeRun: Sendable, Hashable {
    /// The `purge_runs` row; nil for a dry run.
    public var id: Int64?
    /// Who started it.
    public var trigger: PurgeTrigger
    /// Incidents involving a student resolved, and rejected inputs received, before this instant
    /// were due.
    public var cutoff: Date
    /// Incidents involving no student resolved before this instant were due; nil: none was.
    public var otherCutoff: Date? = nil
    /// What was removed (or would be, in a dry run).
    public var counts: PurgeCounts
}
