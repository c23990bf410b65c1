import Foundation
import WatchpostCore
import WatchpostStore

/// What an officer does to an incident, as typed on a form or sent to an action route. Text is
/// passed as given: the workers' field rules check it (`EventDecoder.event`) and name the field of
/// every problem.
public enum IncidentAction: Sendable, Hashable {
    /// Takes charge of it (`incident.acknowledged`).
    case acknowledge(note: String?)
    /// Records what was done (`action.recorded`); `action` is a value of the action vocabulary.
    case recordAction(action: String, note: String?, evidenceURL: String?)
    /// Closes it (`incident.resolved`).
    case resolve(note: String?)
    /// Opens it again (`incident.reopened`); the reason is required.
    case reopen(reason: String)
    /// Sends it one level up by hand (`incident.escalated`, reason `manual`); `level` defaults
    /// to the incident's level plus one.
    case escalate(note: String?, level: Int?)
    /// Merges it, a duplicate, into the incident `into` (a UUID as typed), which carries on for
    /// both (`incident.merged`, D60).
    case merge(into: String, note: String?)
    /// Separates it from the incident it is merged into (`incident.unmerged`).
    case unmerge(note: String?)

    /// The event type it becomes.
    public var type: EventType {
        switch self {
        case .acknowledge: .incidentAcknowledged
        case .recordAction: .actionRecorded
        case .resolve: .incidentResolved
        case .reopen: .incidentReopened
        case .escalate: .incidentEscalated
        case .merge: .incidentMerged
        case .unmerge: .incidentUnmerged
        }
    }

    /// The event's `data`, given where the incident stands (its escalation level, the incident
    /// it was last merged into). An unmerge names that incident even once unmerged, so that a
    /// retry with the same `event_id` is the same event; for an incident never merged it names
    /// the incident itself, which `Access.checkMerge` refuses as `not_merged` once it has
    /// checked the caller.
    func data(_ standing: IncidentStanding) -> [String: PayloadField] {
        var data: [String: PayloadField] = [:]
        switch self {
        case .acknowledge(let note), .resolve(let note):
            data["note"] = note.map(PayloadField.text)
        case .recordAction(let action, let note, let evidenceURL):
            data["action"] = .text(action)
            data["note"] = note.map(PayloadField.text)
            data["evidence_url"] = evidenceURL.map(PayloadField.text)
        case .reopen(let reason):
            data["reason"] = .text(reason)
        case .escalate(let note, let level):
            data["level"] = .integer(level ?? standing.escalationLevel + 1)
            data["reason"] = .text(EscalationReason.manual.rawValue)
            data["note"] = note.map(PayloadField.text)
        case .merge(let into, let note):
            data["into"] = .text(into)
            data["note"] = note.map(PayloadField.text)
        case .unmerge(let note):
            data["from"] = .text((standing.lastMergedInto ?? standing.id).canonicalString)
            data["note"] = note.map(PayloadField.text)
        }
        return data
    }
}
