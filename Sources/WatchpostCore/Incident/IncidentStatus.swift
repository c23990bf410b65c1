/// Where an incident is in its lifecycle.
///
/// `reported` → `acknowledged` (someone responsible took charge) → `mitigating` (the first
/// action was recorded) → `resolved`. An action before any acknowledgement goes straight to
/// `mitigating`. Reopening a resolved incident returns it to `reported`: someone must take
/// charge again, and the policy's obligations start afresh. An open incident merged into another
/// (D60) is `merged` until it is unmerged, which returns it to `reported` as reopening does.
public enum IncidentStatus: String, CaseIterable, Sendable, Codable, Hashable {
    /// Reported; nobody has acknowledged it yet.
    case reported
    /// Acknowledged; no action recorded yet.
    case acknowledged
    /// At least one action recorded; not resolved.
    case mitigating
    /// Closed. Events other than `incident.reopened` are ignored.
    case resolved
    /// A duplicate merged into another incident (`IncidentState.mergedInto`), which carries on
    /// for both. Events other than `incident.unmerged` are ignored.
    case merged

    /// Whether the incident still needs attention (neither resolved nor merged).
    public var isOpen: Bool { self != .resolved && self != .merged }
}
