import Foundation
import WatchpostCore

/// The figures of one period for the authority and the People's Committee, read by
/// `PeriodReport.read(from:scope:now:)` and rendered by `watchpost report` (Markdown, CSV, JSON)
/// and, through WatchpostPipeline's `ReportDocument`, as an HTML administrative document. Durations are seconds; every list is in a stable order.
public struct PeriodReport: Sendable, Hashable, Codable {
    /// What incidents are counted by.
    public enum Dimension: String, Sendable, Hashable, Codable, CaseIterable {
        case category, platform, severity
        case schoolKind = "school_kind"
    }

    /// Incidents opened with one value of one dimension, in the period and in the one before.
    public struct IncidentCount: Sendable, Hashable, Codable {
        /// Which dimension counts.
        public var dimension: Dimension
        /// The stored spelling, e.g. `school_violence`, `facebook`, `lower_secondary`.
        public var value: String
        /// Incidents in the period.
        public var current: Int
        /// Incidents in the period of equal length before it.
        public var previous: Int
    }

    /// Obligations opened in the period, by how they stood at its end.
    public struct ObligationTally: Sendable, Hashable, Codable {
        /// Met by their deadline (or met, having none).
        public var metOnTime = 0
        /// Met after their deadline, before the period ended.
        public var metLate = 0
        /// Deadline passed before the period ended and not met by then (escalated or not).
        public var missed = 0
        /// Not met by the period's end, with a deadline still ahead (or none).
        public var open = 0
        /// Withdrawn before their deadline (the incident was resolved, or the plan changed).
        public var cancelled = 0

        /// Creates a value from its parts.
        public init() {}

        /// All obligations counted.
        public var total: Int { metOnTime + metLate + missed + open + cancelled }
    }

    /// A median and a 90th percentile over `count` measured durations.
    public struct Durations: Sendable, Hashable, Codable {
        /// How many durations were measured.
        public var count = 0
        /// Half of the durations were at most this long; nil when none was measured.
        public var medianSeconds: Double?
        /// Nine in ten durations were at most this long; nil when none was measured.
        public var p90Seconds: Double?

        /// Creates a value from its parts.
        public init(count: Int = 0, medianSeconds: Double? = nil, p90Seconds: Double? = nil) {
            self.count = count
            self.medianSeconds = medianSeconds
            self.p90Seconds = p90Seconds
        }
    }

    /// One school's figures.
    public struct SchoolFigures: Sendable, Hashable, Codable {
        /// The school's unit id.
        public var schoolID: UnitID
        /// The school's name in the directory.
        public var name: String
        /// The school's kind, as stored (`lower_secondary`).
        public var kind: String
        /// Incidents opened in the period.
        public var incidents = 0
        /// From opening to the first acknowledgement, for incidents opened in the period and
        /// acknowledged before its end.
        public var acknowledge = Durations()
        /// From opening to the first `content_removed` action, likewise.
        public var takeDown = Durations()
        /// The obligations, by how they stood at the period's end.
        public var obligations = ObligationTally()
        /// Escalation events applied in the period.
        public var escalations = 0
        /// Incidents referred to the police in the period: a `police_notified` action or a
        /// `notify_police` obligation met.
        public var policeReferrals = 0
    }

    /// The obligations a school owed (to its head or deputies) in the period, by the officer who
    /// held the head's role at the moment that decided each one: when it was met or withdrawn in
    /// time, at its deadline when that passed, at the period's end when still open. Read from the
    /// directory history, so a head replaced mid-period answers only for their own time.
    public struct HeadFigures: Sendable, Hashable, Codable {
        /// The school's unit id.
        public var schoolID: UnitID
        /// The school's name in the directory.
        public var schoolName: String
        /// Nil when nobody held the role then.
        public var officerID: OfficerID?
        /// The officer's name in the directory, if still there.
        public var officerName: String?
        /// The obligations, by how they stood at the period's end.
        public var obligations: ObligationTally
    }

    /// A school of the scope that opened no incident in the period.
    public struct SilentSchool: Sendable, Hashable, Codable {
        /// The school's unit id.
        public var schoolID: UnitID
        /// The school's name in the directory.
        public var name: String
        /// The school's kind, as stored (`lower_secondary`).
        public var kind: String
    }

    /// An obligation whose deadline fell in the period and that was not met by it: met late
    /// before the period ended, or still missed at its end (the tally's `metLate` and `missed`).
    public struct MissedDeadline: Sendable, Hashable, Codable {
        /// The obligation.
        public var obligationID: UUID
        /// Its incident.
        public var incidentID: UUID
        /// The incident's school.
        public var schoolID: UnitID
        /// The school's name in the directory.
        public var schoolName: String
        /// What was owed.
        public var kind: ObligationKind
        /// The owner's relation to the school (`school_head`).
        public var ownerRelation: Relation
        /// Who owed it; nil when nobody held the relation.
        public var ownerOfficerID: OfficerID?
        /// The owner's name in the directory, if still there.
        public var ownerName: String?
        /// The officer who held the relation but was away, when `ownerOfficerID` is their delegate.
        public var delegatedFrom: OfficerID?
        /// That officer's name in the directory, if still there.
        public var delegatedFromName: String?
        /// The deadline.
        public var dueAt: Date
        /// The clock the deadline ran on.
        public var clock: DeadlineClock
        /// When it was met, after the deadline and before the period ended; nil when it was still
        /// not met at the period's end.
        public var metLateAt: Date?
    }

    /// At most this many deadlines are listed in `missedDeadlines`.
    public static let missedDeadlineLimit = 50

    /// The period and the schools covered.
    public var scope: ReportScope
    /// When the report was read.
    public var generatedAt: Date
    /// By dimension, then value.
    public var incidentCounts: [IncidentCount]
    /// By school id.
    public var schools: [SchoolFigures]
    /// By school id, then officer id.
    public var heads: [HeadFigures]
    /// The officers some alert of the period did not reach, or may not have; by officer id.
    public var deliveryFailures: [RecipientDeliveries]
    /// By school id.
    public var silentSchools: [SilentSchool]
    /// The first `missedDeadlineLimit` deadlines missed in the period, by deadline, then
    /// obligation id.
    public var missedDeadlines: [MissedDeadline] = []
    /// How many more deadlines were missed in the period than `missedDeadlines` lists.
    public var missedDeadlinesNotListed = 0

    /// Incidents opened in the period and in the one before.
    public var totals: (current: Int, previous: Int) {
        let byCategory = incidentCounts.filter { $0.dimension == .category }
        return (byCategory.reduce(0) { $0 + $1.current }, byCategory.reduce(0) { $0 + $1.previous })
    }
}

extension PeriodReport {
    /// Decodes a report, including one stored before `missedDeadlines` existed (the figures of a
    /// scheduled report's earlier runs), which lists none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        scope = try container.decode(ReportScope.self, forKey: .scope)
        generatedAt = try container.decode(Date.self, forKey: .generatedAt)
        incidentCounts = try container.decode([IncidentCount].self, forKey: .incidentCounts)
        schools = try container.decode([SchoolFigures].self, forKey: .schools)
        heads = try container.decode([HeadFigures].self, forKey: .heads)
        deliveryFailures = try container.decode([RecipientDeliveries].self, forKey: .deliveryFailures)
        silentSchools = try container.decode([SilentSchool].self, forKey: .silentSchools)
        missedDeadlines = try container.decodeIfPresent([MissedDeadline].self, forKey: .missedDeadlines) ?? []
        missedDeadlinesNotListed = try container.decodeIfPresent(Int.self, forKey: .missedDeadlinesNotListed) ?? 0
    }
}
