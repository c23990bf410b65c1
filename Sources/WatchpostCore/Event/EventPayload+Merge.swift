import Foundation

/// `incident.merged`: the incident is a duplicate of `into`, which carries on for both (D60).
/// Sent on the duplicate's own key, so it is applied in order with the duplicate's events.
public struct IncidentMerged: Sendable, Hashable {
    /// The incident that carries on (the survivor).
    public var into: UUID
    /// Why, in a line.
    public var note: String?

    /// Creates a merge body.
    public init(into: UUID, note: String? = nil) {
        self.into = into
        self.note = note
    }
}

/// `incident.unmerged`: a duplicate merged into `from` stands on its own again (D60).
public struct IncidentUnmerged: Sendable, Hashable {
    /// The incident it was merged into; the event changes nothing unless it still is.
    public var from: UUID
    /// Why, in a line.
    public var note: String?

    /// Creates an unmerge body.
    public init(from: UUID, note: String? = nil) {
        self.from = from
        self.note = note
    }
}

extension EventPayload {
    /// For a merge or an unmerge: the other incident it names (the survivor), which the store
    /// loads and locks with the event's own.
    public var survivorID: UUID? {
        switch self {
        case .merged(let merge): merge.into
        case .unmerged(let unmerge): unmerge.from
        default: nil
        }
    }
}
