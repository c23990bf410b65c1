/// Row counts of the main tables, for the CLI, the dev scenario and tests.
public struct StoreCounts: Sendable, Hashable, CustomStringConvertible {
    /// Stored events (every outcome).
    public var events: Int
    /// Incidents.
    public var incidents: Int
    /// Incidents not resolved.
    public var openIncidents: Int
    /// Evidence rows (first reports and attached duplicates).
    public var evidence: Int
    /// Obligations.
    public var obligations: Int
    /// Obligations still open.
    public var openObligations: Int
    /// Alerts.
    public var alerts: Int
    /// Deliveries.
    public var deliveries: Int
    /// Deliveries still pending.
    public var pendingDeliveries: Int
    /// Rejected inputs (decode and routing), replayed or not.
    public var rejected: Int

    /// Creates counts.
    public init(
        events: Int,
        incidents: Int,
        openIncidents: Int,
        evidence: Int,
        obligations: Int,
        openObligations: Int,
        alerts: Int,
        deliveries: Int,
        pendingDeliveries: Int,
        rejected: Int
    ) {
        self.events = events
        self.incidents = incidents
        self.openIncidents = openIncidents
        self.evidence = evidence
        self.obligations = obligations
        self.openObligations = openObligations
        self.alerts = alerts
        self.deliveries = deliveries
        self.pendingDeliveries = pendingDeliveries
        self.rejected = rejected
    }

    /// One line, e.g. for `watchpost dev`.
    public var description: String {
        "events \(events), incidents \(incidents) (open \(openIncidents)), evidence \(evidence), "
            + "obligations \(obligations) (open \(openObligations)), alerts \(alerts), "
            + "deliveries \(deliveries) (pending \(pendingDeliveries)), rejected \(rejected)"
    }
}
