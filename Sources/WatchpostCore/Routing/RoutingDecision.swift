import Foundation

/// Everything one event does, as data. The store applies it in one transaction; applying the
/// same decision twice changes nothing, because every id in it is deterministic.
public struct RoutingDecision: Sendable, Hashable {
    /// The routed event.
    public var eventID: UUID
    /// The incident the effects belong to: the event's own, or the open incident a duplicate
    /// report was attached to. `nil` only when a report was rejected before any incident existed.
    public var incidentID: UUID?
    /// Applied, ignored or rejected.
    public var outcome: RoutingOutcome
    /// The incident after the event (unchanged when ignored; the input state, if any, when rejected).
    public var incident: IncidentState?
    /// For a duplicate report: the evidence attached to `incidentID`.
    public var evidenceAttached: Evidence?
    /// Who is told, one alert per officer and template.
    public var alerts: [Alert] = []
    /// One delivery per alert.
    public var deliveries: [Delivery] = []
    /// Obligations opened by this event.
    public var obligationsOpened: [Obligation] = []
    /// Obligations this event met.
    public var obligationsMet: [ObligationMet] = []
    /// Obligations cancelled by a resolution or a merge.
    public var obligationsCancelled: [ObligationCancelled] = []
    /// Obligations escalated by this event.
    public var escalations: [ObligationEscalation] = []
    /// Every pre-existing obligation whose stored row changes (met, cancelled, escalated,
    /// rescheduled), with its new values; upsert these together with `obligationsOpened`.
    public var obligationsChanged: [Obligation] = []
    /// For a merge or an unmerge: the survivor as the event leaves it. Its alerts and obligations
    /// are among the lists above (each names its incident); store its state with the incident's.
    public var survivor: IncidentState?

    /// Creates a decision with no effects.
    public init(eventID: UUID, incidentID: UUID?, outcome: RoutingOutcome, incident: IncidentState?) {
        self.eventID = eventID
        self.incidentID = incidentID
        self.outcome = outcome
        self.incident = incident
    }
}
