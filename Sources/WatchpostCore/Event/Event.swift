import Foundation

/// Identifies a unit of the organisation tree (a school, an authority, a commune, ...), e.g. `thcs-binh-son`.
public typealias UnitID = String

/// Identifies an officer in the directory, e.g. `ht-thcs-binh-son`.
public typealias OfficerID = String

/// One event of envelope v1, decoded and validated. Text fields are NFC-normalised.
public struct Event: Sendable, Hashable {
    /// The envelope schema version this event was decoded from. Always 1 for now.
    public var schemaVersion: Int
    /// Unique id chosen by the producer; a second event with the same id is a duplicate.
    public var eventID: UUID
    /// The incident the event belongs to; also the Kafka message key.
    public var incidentID: UUID
    /// When the event happened, as an absolute instant.
    public var occurredAt: Date
    /// Who or what produced the event.
    public var source: EventSource
    /// The unit (normally the school) the incident belongs to.
    public var unitID: UnitID
    /// The type-specific body.
    public var payload: EventPayload

    /// The wire name of the event type, derived from the payload.
    public var type: EventType { payload.type }

    /// Creates an event of the current schema version.
    public init(
        eventID: UUID,
        incidentID: UUID,
        occurredAt: Date,
        source: EventSource,
        unitID: UnitID,
        payload: EventPayload,
        schemaVersion: Int = 1
    ) {
        self.schemaVersion = schemaVersion
        self.eventID = eventID
        self.incidentID = incidentID
        self.occurredAt = occurredAt
        self.source = source
        self.unitID = unitID
        self.payload = payload
    }
}

/// Who or what produced an event.
public struct EventSource: Sendable, Hashable, Codable {
    /// A person, a tool or Watchpost itself.
    public var kind: SourceKind
    /// For an officer, the directory officer id; for a tool, its name; for the system, the component.
    public var id: String

    /// Creates a source.
    public init(kind: SourceKind, id: String) {
        self.kind = kind
        self.id = id
    }
}

/// The wire names of the event types of envelope v1.
public enum EventType: String, CaseIterable, Sendable, Codable, Hashable {
    case incidentReported = "incident.reported"
    case incidentUpdated = "incident.updated"
    case incidentAcknowledged = "incident.acknowledged"
    case actionRecorded = "action.recorded"
    case incidentEscalated = "incident.escalated"
    case incidentResolved = "incident.resolved"
    case incidentReopened = "incident.reopened"
    case incidentMerged = "incident.merged"
    case incidentUnmerged = "incident.unmerged"
}
