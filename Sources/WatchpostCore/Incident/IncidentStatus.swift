/// Where an incident is in its lifecycle.
///
/// `reported` → `acknowledged` (someone responsible took charge) → `mitigating` (the first
/// action was recorded) → `resolved`. An action before any acknowledgement goes straight to
/// `mitigating`. Reopening a resolved incident returns it to `reported`: someone must take
/// charge again, and the policy's obligations start afresh.
public enum IncidentStatus: String, CaseIterable, Sendable, Codable, Hashable {
    /// Reported; nobody has acknowledged it yet.
    case reported
    /// Acknowledged; no action recorded yet.
    case acknowledged
    /// At least one action recorded; not resolved.
    case mitigating
    /// Closed. Events other than `incident.reopened` are ignored.
    case resolved

    /// Whether the incident still needs attention.
    public var isOpen: Bool { self != .resolved }
}
