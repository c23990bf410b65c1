/// What became of an event. Never a crash: every input gets one of these.
public enum RoutingOutcome: Sendable, Hashable {
    /// The event changed the incident; the decision's effects must be stored.
    case applied
    /// The event is valid but changes nothing (e.g. a second acknowledgement); store it, no effects.
    case ignored(RoutingNote)
    /// The event cannot apply (unknown incident, no permission, ...); record it as rejected.
    case rejected(RoutingNote)

    /// The note of an ignored or rejected event.
    public var note: RoutingNote? {
        switch self {
        case .applied: nil
        case .ignored(let note), .rejected(let note): note
        }
    }
}

/// Why an event was ignored or rejected: a stable code for machines and a message for people.
public struct RoutingNote: Sendable, Hashable, CustomStringConvertible {
    /// The stable code, e.g. `incident_resolved`.
    public var code: Code
    /// A sentence naming the ids involved.
    public var message: String

    /// Creates a note.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// `code: message`.
    public var description: String { "\(code.rawValue): \(message)" }

    /// Stable reason codes; the raw value is what the store records.
    public enum Code: String, CaseIterable, Sendable, Hashable, Codable {
        /// The event names an incident that does not exist (and is not a report).
        case unknownIncident = "unknown_incident"
        /// The event's unit is not a school in the directory.
        case unknownUnit = "unknown_unit"
        /// The event's unit differs from the incident's unit.
        case unitMismatch = "unit_mismatch"
        /// The source officer is not in the directory.
        case unknownOfficer = "unknown_officer"
        /// The source may not do this on this incident.
        case notResponsible = "not_responsible"
        /// The incident is resolved; only `incident.reopened` applies.
        case incidentResolved = "incident_resolved"
        /// `incident.reopened` for an incident that is not resolved.
        case notResolved = "not_resolved"
        /// The same officer acknowledged before.
        case duplicateAcknowledgement = "duplicate_acknowledgement"
        /// The same report is already attached to the incident.
        case duplicateReport = "duplicate_report"
        /// The escalation names an obligation the incident does not have.
        case unknownObligation = "unknown_obligation"
        /// The obligation is met or cancelled, so it cannot escalate.
        case obligationClosed = "obligation_closed"
        /// The level was already reached.
        case alreadyEscalated = "already_escalated"
        /// The level skips levels or lies beyond the chain's last level.
        case invalidLevel = "invalid_level"
        /// `deadline_missed` without an obligation id.
        case missingObligation = "missing_obligation"
        /// The incident is merged into another; only `incident.unmerged` applies (D60).
        case incidentMerged = "incident_merged"
        /// `incident.merged` names the incident itself.
        case mergeIntoItself = "merge_into_itself"
        /// The incident to merge into is itself merged into another: merges never chain.
        case mergeTargetMerged = "merge_target_merged"
        /// The incident to merge into is resolved.
        case mergeTargetResolved = "merge_target_resolved"
        /// Other incidents are merged into this one: unmerge them first, so merges never chain.
        case mergeHasDuplicates = "merge_has_duplicates"
        /// `incident.unmerged` for an incident that is not merged into the one it names.
        case notMerged = "not_merged"
    }
}
