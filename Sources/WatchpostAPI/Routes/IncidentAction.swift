import Foundation
import WatchpostCore

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

    /// The event type it becomes.
    public var type: EventType {
        switch self {
        case .acknowledge: .incidentAcknowledged
        case .recordAction: .actionRecorded
        case .resolve: .incidentResolved
        case .reopen: .incidentReopened
        case .escalate: .incidentEscalated
        }
    }

    /// The event's `data`, given the incident's current escalation level.
    func data(escalationLevel: Int) -> [String: PayloadField] {
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
            data["level"] = .integer(level ?? escalationLevel + 1)
            data["reason"] = .text(EscalationReason.manual.rawValue)
            data["note"] = note.map(PayloadField.text)
        }
        return data
    }
}
